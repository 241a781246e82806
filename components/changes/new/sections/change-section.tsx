"use client";
// "The change": what it is, why, where, and its content (a diff, or the paths it touches).
import { useState } from "react";
import { diffSummary, MAX_DIFF_BYTES } from "@/lib/domain/changes/draft-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ChipInput } from "@/components/ui/chip-input";
import { Suggestions } from "@/components/ui/suggestions";
import { TextField } from "@/components/ui/text-field";
import type { FormApi } from "./form-api";

export function ChangeSection({ form, authorHandle }: { form: FormApi; authorHandle: string }) {
  const { values, set, errorFor } = form;
  const [fileError, setFileError] = useState<string | null>(null);
  const summary = diffSummary(values.diff);
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
    <Card>
      <CardHeader title="The change" />
      <CardBody className="space-y-4">
        <TextField
          id="title"
          label="Title"
          value={values.title}
          onChange={(v) => set("title", v)}
          error={errorFor("title")}
          maxLength={200}
          required
        />
        <TextField
          id="intent"
          label="Intent: why this change?"
          multiline
          rows={4}
          value={values.intent}
          onChange={(v) => set("intent", v)}
          hint="In your own words: the problem, and why this is the right fix. Reviewers read this first."
          error={errorFor("intent")}
          required
        />
        <div className="grid gap-4 md:grid-cols-2">
          <div>
            <TextField
              id="repository"
              label="Repository"
              list="repositories"
              value={values.repository}
              onChange={(v) => set("repository", v)}
              placeholder="acme/storefront"
              error={errorFor("repository")}
              required
            />
            <Suggestions id="repositories" of="repositories" text={values.repository} />
          </div>
          <TextField
            id="prUrl"
            label="Pull request URL (optional)"
            type="url"
            value={values.prUrl}
            onChange={(v) => set("prUrl", v)}
            placeholder="https://github.com/acme/storefront/pull/123"
            error={errorFor("prUrl")}
          />
        </div>
        <div>
          <TextField
            id="diff"
            label="Unified diff (recommended)"
            multiline
            rows={8}
            className="font-mono text-xs"
            value={values.diff}
            onChange={(v) => set("diff", v)}
            placeholder="Paste the output of git diff, or upload a .diff / .patch file"
            invalid={summary?.ok === false}
            spellCheck={false}
            hint={
              summary?.ok
                ? `${summary.files} file${summary.files === 1 ? "" : "s"}, +${summary.added} −${summary.removed} lines. Risky operations in it set risk flags for you.`
                : "Up to 5 MB. Paths and line counts are read from it."
            }
            error={
              fileError ??
              errorFor("diff") ??
              (summary && !summary.ok ? `This diff cannot be read: ${summary.message}` : undefined)
            }
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
        </div>
        {!values.diff.trim() ? (
          <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_10rem]">
            <TextField
              id="paths"
              label="Or list the changed paths"
              multiline
              rows={3}
              className="font-mono text-xs"
              value={values.paths}
              onChange={(v) => set("paths", v)}
              placeholder={"services/payments/api/retry.ts\nservices/payments/api/retry.test.ts"}
              error={errorFor("paths")}
            />
            <TextField
              id="linesChanged"
              label="Lines changed"
              type="number"
              min={0}
              value={values.linesChanged}
              onChange={(v) => set("linesChanged", v)}
              error={errorFor("linesChanged")}
            />
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
              v.filter((h) => h !== authorHandle),
            )
          }
          suggest="people"
          error={errorFor("coAuthors")}
        />
      </CardBody>
    </Card>
  );
}
