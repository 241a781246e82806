"use client";
// "AI disclosure": how much of the change an AI wrote, with which tools, and which parts.
import { AI_EXTENT_CHOICES } from "@/lib/domain/changes/draft-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FieldError } from "@/components/ui/field";
import { TextField } from "@/components/ui/text-field";
import type { FormApi } from "./form-api";

export function DisclosureSection({ form }: { form: FormApi }) {
  const { values, set, errorFor } = form;
  return (
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
            {AI_EXTENT_CHOICES.map((e) => (
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
        {values.aiExtent !== "NONE" && values.aiExtent !== "" ? (
          <>
            <div className="grid gap-4 md:grid-cols-2">
              <TextField
                id="aiTools"
                label="Tools"
                value={values.aiTools}
                onChange={(v) => set("aiTools", v)}
                placeholder="Copilot, Claude Code"
                error={errorFor("aiTools")}
              />
              <TextField
                id="aiSessionUrl"
                label="Session or prompt log (link)"
                type="url"
                value={values.aiSessionUrl}
                onChange={(v) => set("aiSessionUrl", v)}
                placeholder="https://…"
                error={errorFor("aiSessionUrl")}
              />
            </div>
            <TextField
              id="aiWrote"
              label="Which parts did the AI write?"
              multiline
              rows={2}
              value={values.aiWrote}
              onChange={(v) => set("aiWrote", v)}
              error={errorFor("aiWrote")}
            />
          </>
        ) : null}
      </CardBody>
    </Card>
  );
}
