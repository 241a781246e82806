"use client";
// The submit form. Every field is validated on the server (the same zod schema the API uses);
// the form shows each problem beside its field and saves nothing on error. The routing preview
// beside it updates as the author types.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { ApiError, fetchJson } from "@/lib/query/fetch-json";
import { DiffError, parseUnifiedDiff } from "@/lib/domain/diff/parse";
import { RISK_FLAGS, RISK_LABEL, type RiskFlag } from "@/lib/domain/risk/flags";
import type { Level } from "@/lib/domain/levels";
import type { DraftValues } from "@/lib/server/changes/form-data";
import { Button } from "@/components/ui/button";
import { FieldError, Hint, Input, Label, Textarea } from "@/components/ui/field";
import { ChipInput } from "@/components/ui/chip-input";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PreviewPanel, usePreview } from "./preview-panel";

const MAX_DIFF_BYTES = 5 * 1024 * 1024;

const EXTENTS = [
  { value: "NONE", label: "None", help: "No AI tool wrote any of it." },
  {
    value: "ASSISTED",
    label: "Assisted",
    help: "Autocomplete or chat suggestions I adapted line by line.",
  },
  {
    value: "GENERATED",
    label: "Generated",
    help: "An AI wrote whole functions or files that I reviewed.",
  },
  {
    value: "AGENTIC",
    label: "Agentic",
    help: "An agent planned and made the change across files.",
  },
] as const;

type Values = Omit<DraftValues, "key" | "riskFlags"> & { riskFlags: RiskFlag[] };

const EMPTY: Values = {
  title: "",
  intent: "",
  repository: "",
  prUrl: "",
  diff: "",
  paths: "",
  linesChanged: "",
  coAuthors: [],
  aiExtent: "ASSISTED",
  aiTools: "",
  aiSessionUrl: "",
  aiWrote: "",
  riskFlags: [],
  systems: [],
  rollbackPlan: "",
  testEvidence: "",
  emergency: false,
  emergencyJustification: "",
};

interface Problem {
  field: string;
  message: string;
}

const FIELD_LABEL: Record<string, string> = {
  title: "Title",
  intent: "Intent",
  repository: "Repository",
  prUrl: "Pull request URL",
  diff: "Diff",
  paths: "Changed paths",
  linesChanged: "Lines changed",
  coAuthors: "Co-authors",
  aiExtent: "AI extent",
  aiTools: "AI tools",
  aiSessionUrl: "Session or prompt link",
  aiWrote: "What the AI wrote",
  riskFlags: "Risk flags",
  systems: "Other affected systems",
  rollbackPlan: "Rollback plan",
  testEvidence: "Test evidence",
  emergencyJustification: "Emergency justification",
};

const splitList = (text: string) =>
  text
    .split(/[\n,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export function ChangeForm({
  options,
  draft,
  author,
}: {
  options: {
    repositories: string[];
    people: { handle: string; name: string }[];
    systems: { slug: string; name: string }[];
  };
  draft: DraftValues | null;
  author: { handle: string; level: Level };
}) {
  const router = useRouter();
  const [values, setValues] = useState<Values>(() =>
    draft ? { ...draft, riskFlags: draft.riskFlags as RiskFlag[] } : EMPTY,
  );
  const [fileError, setFileError] = useState<string | null>(null);
  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const diffCheck = useMemo(() => {
    if (!values.diff.trim()) return null;
    try {
      const parsed = parseUnifiedDiff(values.diff);
      return {
        ok: true as const,
        files: parsed.paths.length,
        added: parsed.linesAdded,
        removed: parsed.linesRemoved,
      };
    } catch (error) {
      return {
        ok: false as const,
        message: error instanceof DiffError ? error.message : "could not read the diff",
      };
    }
  }, [values.diff]);

  const body = (submit: boolean) => ({
    ...(draft ? { key: draft.key } : {}),
    submit,
    title: values.title,
    intent: values.intent,
    repository: values.repository,
    prUrl: values.prUrl,
    ...(values.diff.trim()
      ? { diff: values.diff }
      : {
          paths: splitList(values.paths),
          ...(values.linesChanged !== "" ? { linesChanged: Number(values.linesChanged) } : {}),
        }),
    coAuthors: values.coAuthors,
    aiExtent: values.aiExtent,
    aiTools: splitList(values.aiTools),
    aiSessionUrl: values.aiSessionUrl,
    aiWrote: values.aiWrote,
    riskFlags: values.riskFlags,
    systems: values.systems,
    rollbackPlan: values.rollbackPlan,
    testEvidence: values.testEvidence,
    emergency: values.emergency,
    emergencyJustification: values.emergencyJustification,
  });

  const preview = usePreview(
    values.repository.trim() && (diffCheck?.ok || splitList(values.paths).length)
      ? {
          repository: values.repository.trim(),
          ...(diffCheck?.ok
            ? { diff: values.diff }
            : {
                paths: splitList(values.paths),
                ...(values.linesChanged !== "" && !Number.isNaN(Number(values.linesChanged))
                  ? { linesChanged: Number(values.linesChanged) }
                  : {}),
              }),
          aiExtent: values.aiExtent,
          riskFlags: values.riskFlags,
          coAuthors: values.coAuthors,
          systems: values.systems,
          emergency: values.emergency,
        }
      : null,
  );
  const detected = new Set(preview.data?.detectedFlags ?? []);

  const save = useMutation({
    mutationFn: (submit: boolean) =>
      fetchJson<{ key: string; status: string }>("/api/v1/changes", {
        method: "POST",
        body: JSON.stringify(body(submit)),
      }),
    onSuccess: ({ key }) => router.push(`/changes/${key}`),
  });
  const apiError = save.error instanceof ApiError ? save.error : null;
  const problems: Problem[] =
    apiError && Array.isArray(apiError.details) ? (apiError.details as Problem[]) : [];
  const errorFor = (field: string) =>
    problems
      .filter((p) => p.field === field || p.field.startsWith(`${field}.`))
      .map((p) => p.message)
      .join("; ") || undefined;
  const invalid = (field: string) => (errorFor(field) ? true : undefined);
  const described = (field: string, hint?: boolean) =>
    [hint ? `${field}-hint` : null, errorFor(field) ? `${field}-error` : null]
      .filter(Boolean)
      .join(" ") || undefined;

  const readFile = async (file: File | undefined) => {
    setFileError(null);
    if (!file) return;
    if (file.size > MAX_DIFF_BYTES) {
      setFileError(
        `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB: the limit is 5 MB. Link the pull request and split the change.`,
      );
      return;
    }
    set("diff", await file.text());
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
        {save.error ? (
          <div
            role="alert"
            className="rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200"
          >
            <p className="font-medium">
              Nothing was saved. {problems.length ? "Fix these and try again:" : save.error.message}
            </p>
            {problems.length ? (
              <ul className="mt-1 list-disc pl-5">
                {problems.map((p) => (
                  <li key={p.field + p.message}>
                    <a href={`#${p.field.split(".")[0]}`} className="underline">
                      {FIELD_LABEL[p.field.split(".")[0]!] ?? p.field}
                    </a>
                    : {p.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}

        <Card>
          <CardHeader title="The change" />
          <CardBody className="space-y-4">
            <div>
              <Label htmlFor="title">Title</Label>
              <Input
                id="title"
                value={values.title}
                onChange={(e) => set("title", e.target.value)}
                aria-invalid={invalid("title")}
                aria-describedby={described("title")}
                maxLength={200}
                required
              />
              <FieldError id="title-error">{errorFor("title")}</FieldError>
            </div>
            <div>
              <Label htmlFor="intent">Intent: why this change?</Label>
              <Textarea
                id="intent"
                rows={4}
                value={values.intent}
                onChange={(e) => set("intent", e.target.value)}
                aria-invalid={invalid("intent")}
                aria-describedby={described("intent", true)}
                required
              />
              <Hint id="intent-hint">
                In your own words: the problem, and why this is the right fix. Reviewers read this
                first.
              </Hint>
              <FieldError id="intent-error">{errorFor("intent")}</FieldError>
            </div>
            <div className="grid gap-4 md:grid-cols-2">
              <div>
                <Label htmlFor="repository">Repository</Label>
                <Input
                  id="repository"
                  list="repositories"
                  value={values.repository}
                  onChange={(e) => set("repository", e.target.value)}
                  placeholder="acme/storefront"
                  aria-invalid={invalid("repository")}
                  aria-describedby={described("repository")}
                  required
                />
                <datalist id="repositories">
                  {options.repositories.map((r) => (
                    <option key={r} value={r} />
                  ))}
                </datalist>
                <FieldError id="repository-error">{errorFor("repository")}</FieldError>
              </div>
              <div>
                <Label htmlFor="prUrl">Pull request URL (optional)</Label>
                <Input
                  id="prUrl"
                  type="url"
                  value={values.prUrl}
                  onChange={(e) => set("prUrl", e.target.value)}
                  placeholder="https://github.com/acme/storefront/pull/123"
                  aria-invalid={invalid("prUrl")}
                  aria-describedby={described("prUrl")}
                />
                <FieldError id="prUrl-error">{errorFor("prUrl")}</FieldError>
              </div>
            </div>
            <div>
              <Label htmlFor="diff">Unified diff (recommended)</Label>
              <Textarea
                id="diff"
                rows={8}
                className="font-mono text-xs"
                value={values.diff}
                onChange={(e) => set("diff", e.target.value)}
                placeholder="Paste the output of git diff, or upload a .diff / .patch file"
                aria-invalid={invalid("diff") ?? (diffCheck && !diffCheck.ok ? true : undefined)}
                aria-describedby={described("diff", true)}
                spellCheck={false}
              />
              <div className="mt-2 flex flex-wrap items-center gap-3">
                <label htmlFor="diff-file" className="text-sm text-slate-700">
                  Upload:
                </label>
                <input
                  id="diff-file"
                  type="file"
                  accept=".diff,.patch,text/x-diff,text/plain"
                  onChange={(e) => void readFile(e.target.files?.[0])}
                  className="text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-200"
                />
              </div>
              <Hint id="diff-hint">
                {diffCheck?.ok
                  ? `${diffCheck.files} file${diffCheck.files === 1 ? "" : "s"}, +${diffCheck.added} −${diffCheck.removed} lines. Risky operations in it set risk flags for you.`
                  : "Up to 5 MB. Paths and line counts are read from it."}
              </Hint>
              <FieldError id="diff-error">
                {fileError ??
                  errorFor("diff") ??
                  (diffCheck && !diffCheck.ok
                    ? `This diff cannot be read: ${diffCheck.message}`
                    : undefined)}
              </FieldError>
            </div>
            {!values.diff.trim() ? (
              <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_10rem]">
                <div>
                  <Label htmlFor="paths">Or list the changed paths</Label>
                  <Textarea
                    id="paths"
                    rows={3}
                    className="font-mono text-xs"
                    value={values.paths}
                    onChange={(e) => set("paths", e.target.value)}
                    placeholder={
                      "services/payments/api/retry.ts\nservices/payments/api/retry.test.ts"
                    }
                    aria-invalid={invalid("paths")}
                    aria-describedby={described("paths")}
                  />
                  <FieldError id="paths-error">{errorFor("paths")}</FieldError>
                </div>
                <div>
                  <Label htmlFor="linesChanged">Lines changed</Label>
                  <Input
                    id="linesChanged"
                    type="number"
                    min={0}
                    value={values.linesChanged}
                    onChange={(e) => set("linesChanged", e.target.value)}
                    aria-invalid={invalid("linesChanged")}
                    aria-describedby={described("linesChanged")}
                  />
                  <FieldError id="linesChanged-error">{errorFor("linesChanged")}</FieldError>
                </div>
              </div>
            ) : null}
            <ChipInput
              id="coAuthors"
              label="Co-authors"
              hint="Handles of people who wrote it with you. They cannot review it."
              prefix="@"
              values={values.coAuthors}
              onChange={(v) =>
                set(
                  "coAuthors",
                  v.filter((h) => h !== author.handle),
                )
              }
              list="people"
              error={errorFor("coAuthors")}
            />
            <datalist id="people">
              {options.people.map((p) => (
                <option key={p.handle} value={p.handle}>
                  {p.name}
                </option>
              ))}
            </datalist>
          </CardBody>
        </Card>

        <Card>
          <CardHeader
            title="AI disclosure"
            description="Be honest: the sign-off rules depend on it, and so does the incident analysis."
          />
          <CardBody className="space-y-4">
            <fieldset>
              <legend className="mb-2 text-sm font-medium text-slate-800">
                How much of this change did an AI write?
              </legend>
              <div className="grid gap-2 sm:grid-cols-2" id="aiExtent">
                {EXTENTS.map((e) => (
                  <label
                    key={e.value}
                    className={`flex cursor-pointer gap-3 rounded-lg p-3 ring-1 ${values.aiExtent === e.value ? "bg-brand-50 ring-brand-500" : "ring-slate-200 hover:bg-slate-50"}`}
                  >
                    <input
                      type="radio"
                      name="aiExtent"
                      value={e.value}
                      checked={values.aiExtent === e.value}
                      onChange={() => set("aiExtent", e.value)}
                      className="mt-1"
                    />
                    <span>
                      <span className="block text-sm font-medium text-slate-900">{e.label}</span>
                      <span className="block text-xs text-slate-600">{e.help}</span>
                    </span>
                  </label>
                ))}
              </div>
              <FieldError id="aiExtent-error">{errorFor("aiExtent")}</FieldError>
            </fieldset>
            {values.aiExtent !== "NONE" ? (
              <>
                <div className="grid gap-4 md:grid-cols-2">
                  <div>
                    <Label htmlFor="aiTools">Tools</Label>
                    <Input
                      id="aiTools"
                      value={values.aiTools}
                      onChange={(e) => set("aiTools", e.target.value)}
                      placeholder="Copilot, Claude Code"
                      aria-invalid={invalid("aiTools")}
                      aria-describedby={described("aiTools")}
                    />
                    <FieldError id="aiTools-error">{errorFor("aiTools")}</FieldError>
                  </div>
                  <div>
                    <Label htmlFor="aiSessionUrl">Session or prompt log (link)</Label>
                    <Input
                      id="aiSessionUrl"
                      type="url"
                      value={values.aiSessionUrl}
                      onChange={(e) => set("aiSessionUrl", e.target.value)}
                      placeholder="https://…"
                      aria-invalid={invalid("aiSessionUrl")}
                      aria-describedby={described("aiSessionUrl")}
                    />
                    <FieldError id="aiSessionUrl-error">{errorFor("aiSessionUrl")}</FieldError>
                  </div>
                </div>
                <div>
                  <Label htmlFor="aiWrote">Which parts did the AI write?</Label>
                  <Textarea
                    id="aiWrote"
                    rows={2}
                    value={values.aiWrote}
                    onChange={(e) => set("aiWrote", e.target.value)}
                    aria-invalid={invalid("aiWrote")}
                    aria-describedby={described("aiWrote")}
                  />
                  <FieldError id="aiWrote-error">{errorFor("aiWrote")}</FieldError>
                </div>
              </>
            ) : null}
          </CardBody>
        </Card>

        <Card>
          <CardHeader title="Risk and safety" />
          <CardBody className="space-y-4">
            <fieldset id="riskFlags">
              <legend className="mb-2 text-sm font-medium text-slate-800">Risk flags</legend>
              <div className="grid gap-2 sm:grid-cols-2">
                {RISK_FLAGS.map((flag) => {
                  const isDetected = detected.has(flag);
                  return (
                    <label key={flag} className="flex items-start gap-2 text-sm text-slate-800">
                      <input
                        type="checkbox"
                        className="mt-0.5"
                        checked={isDetected || values.riskFlags.includes(flag)}
                        disabled={isDetected}
                        onChange={(e) =>
                          set(
                            "riskFlags",
                            e.target.checked
                              ? [...values.riskFlags, flag]
                              : values.riskFlags.filter((f) => f !== flag),
                          )
                        }
                      />
                      <span>
                        {RISK_LABEL[flag]}
                        {isDetected ? (
                          <span className="block text-xs text-amber-800">
                            detected in the diff: cannot be cleared
                          </span>
                        ) : null}
                      </span>
                    </label>
                  );
                })}
              </div>
            </fieldset>
            <ChipInput
              id="systems"
              label="Other affected systems"
              hint="Systems this change affects that its paths do not show (slugs)."
              prefix=""
              values={values.systems}
              onChange={(v) => set("systems", v)}
              list="system-slugs"
              error={errorFor("systems")}
            />
            <datalist id="system-slugs">
              {options.systems.map((s) => (
                <option key={s.slug} value={s.slug}>
                  {s.name}
                </option>
              ))}
            </datalist>
            <div className="grid gap-4 md:grid-cols-2">
              <div>
                <Label htmlFor="rollbackPlan">Rollback plan</Label>
                <Textarea
                  id="rollbackPlan"
                  rows={3}
                  value={values.rollbackPlan}
                  onChange={(e) => set("rollbackPlan", e.target.value)}
                  aria-invalid={invalid("rollbackPlan")}
                  aria-describedby={described("rollbackPlan", true)}
                />
                <Hint id="rollbackPlan-hint">Required when a risk flag is set.</Hint>
                <FieldError id="rollbackPlan-error">{errorFor("rollbackPlan")}</FieldError>
              </div>
              <div>
                <Label htmlFor="testEvidence">Test evidence</Label>
                <Textarea
                  id="testEvidence"
                  rows={3}
                  value={values.testEvidence}
                  onChange={(e) => set("testEvidence", e.target.value)}
                  placeholder="CI run, load test, screenshots…"
                  aria-invalid={invalid("testEvidence")}
                  aria-describedby={described("testEvidence")}
                />
                <FieldError id="testEvidence-error">{errorFor("testEvidence")}</FieldError>
              </div>
            </div>
            <div className="rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
              <label className="flex items-center gap-2 text-sm font-medium text-slate-900">
                <input
                  type="checkbox"
                  checked={values.emergency}
                  onChange={(e) => set("emergency", e.target.checked)}
                />
                This is an emergency
              </label>
              <p className="ml-6 text-xs text-slate-600">
                Deployable after one SENIOR+ owner approval; the full review is due within 24 hours
                and shows on the dashboard until done.
              </p>
              {values.emergency ? (
                <div className="ml-6 mt-2">
                  <Label htmlFor="emergencyJustification">Why can it not wait?</Label>
                  <Textarea
                    id="emergencyJustification"
                    rows={2}
                    value={values.emergencyJustification}
                    onChange={(e) => set("emergencyJustification", e.target.value)}
                    aria-invalid={invalid("emergencyJustification")}
                    aria-describedby={described("emergencyJustification")}
                  />
                  <FieldError id="emergencyJustification-error">
                    {errorFor("emergencyJustification")}
                  </FieldError>
                </div>
              ) : null}
            </div>
          </CardBody>
        </Card>

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
