"use client";
// "Risk and safety": risk flags (those detected in the diff cannot be cleared), systems the paths
// do not show, the rollback plan, test evidence and the emergency path.
import { RISK_FLAGS, RISK_LABEL, type RiskFlag } from "@/lib/domain/risk/flags";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ChipInput } from "@/components/ui/chip-input";
import { TextField } from "@/components/ui/text-field";
import type { FormApi } from "./form-api";

export function RiskSection({
  form,
  detected,
}: {
  form: FormApi;
  detected: ReadonlySet<RiskFlag>;
}) {
  const { values, set, errorFor } = form;
  return (
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
          suggest="systems"
          error={errorFor("systems")}
        />
        <div className="grid gap-4 md:grid-cols-2">
          <TextField
            id="rollbackPlan"
            label="Rollback plan"
            multiline
            value={values.rollbackPlan}
            onChange={(v) => set("rollbackPlan", v)}
            hint="Required when a risk flag is set."
            error={errorFor("rollbackPlan")}
          />
          <TextField
            id="testEvidence"
            label="Test evidence"
            multiline
            value={values.testEvidence}
            onChange={(v) => set("testEvidence", v)}
            placeholder="CI run, load test, screenshots…"
            error={errorFor("testEvidence")}
          />
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
            Deployable after one SENIOR+ owner approval; the full review is due within 24 hours and
            shows on the dashboard until done.
          </p>
          {values.emergency ? (
            <div className="ml-6 mt-2">
              <TextField
                id="emergencyJustification"
                label="Why can it not wait?"
                multiline
                rows={2}
                value={values.emergencyJustification}
                onChange={(v) => set("emergencyJustification", v)}
                error={errorFor("emergencyJustification")}
              />
            </div>
          ) : null}
        </div>
      </CardBody>
    </Card>
  );
}
