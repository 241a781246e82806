"use client";
// The submit form. Every field is validated on the server (the same zod schema the API uses);
// the form shows each problem beside its field and saves nothing on error. The routing preview
// beside it updates as the author types. Its rules (bodies, the empty form, labels) live in
// lib/domain/changes/draft-form.ts; its sections are in ./sections.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, fetchJson } from "@/lib/query/fetch-json";
import type { RiskFlag } from "@/lib/domain/risk/flags";
import type { Level } from "@/lib/domain/levels";
import {
  changeRequestBody,
  EMPTY_DRAFT,
  previewRequestBody,
  type DraftFormValues,
} from "@/lib/domain/changes/draft-form";
import type { DraftValues } from "@/lib/server/changes/form-data";
import { Button } from "@/components/ui/button";
import { PreviewPanel, usePreview } from "./preview-panel";
import { ErrorSummary } from "./error-summary";
import { ChangeSection } from "./sections/change-section";
import { DisclosureSection } from "./sections/disclosure-section";
import { RiskSection } from "./sections/risk-section";
import type { FormApi } from "./sections/form-api";

interface Problem {
  field: string;
  message: string;
}

export function ChangeForm({
  draft,
  author,
}: {
  draft: DraftValues | null;
  author: { handle: string; level: Level };
}) {
  const router = useRouter();
  const [values, setValues] = useState<DraftFormValues>(() =>
    draft ? { ...draft, riskFlags: draft.riskFlags as RiskFlag[] } : EMPTY_DRAFT,
  );
  const preview = usePreview(previewRequestBody(values));
  const detected = new Set(preview.data?.detectedFlags ?? []);

  const save = useMutation({
    mutationFn: (submit: boolean) =>
      fetchJson<{ key: string; status: string }>("/api/v1/changes", {
        method: "POST",
        body: JSON.stringify(changeRequestBody(values, submit, draft?.key)),
      }),
    onSuccess: ({ key }) => router.push(`/changes/${key}`),
  });
  const apiError = save.error instanceof ApiError ? save.error : null;
  const problems: Problem[] =
    apiError && Array.isArray(apiError.details) ? (apiError.details as Problem[]) : [];
  const form: FormApi = {
    values,
    set: (key, value) => setValues((v) => ({ ...v, [key]: value })),
    errorFor: (field) =>
      problems
        .filter((p) => p.field === field || p.field.startsWith(`${field}.`))
        .map((p) => p.message)
        .join("; ") || undefined,
  };

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_26rem]">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(true);
        }}
        className="space-y-6"
        aria-label="Change request"
      >
        {save.error ? <ErrorSummary message={save.error.message} problems={problems} /> : null}
        <ChangeSection form={form} authorHandle={author.handle} />
        <DisclosureSection form={form} />
        <RiskSection form={form} detected={detected as Set<RiskFlag>} />
        <div className="flex flex-wrap items-center justify-end gap-3">
          <span aria-live="polite" className="text-sm text-slate-600">
            {save.isPending ? "Saving…" : ""}
          </span>
          <Button variant="secondary" onClick={() => save.mutate(false)} disabled={save.isPending}>
            Save draft
          </Button>
          <Button type="submit" disabled={save.isPending}>
            Submit for review
          </Button>
        </div>
      </form>
      <PreviewPanel preview={preview} authorLevel={author.level} />
    </div>
  );
}
