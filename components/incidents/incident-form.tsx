"use client";
// Record an incident or edit one. Times are entered in UTC; the server checks their order and
// names each field it refuses.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { fetchJson } from "@/lib/query/fetch-json";
import { fieldErrors } from "@/lib/query/field-errors";
import {
  INCIDENT_STATUSES,
  INCIDENT_STATUS_LABEL,
  SEVERITIES,
  SEVERITY_LABEL,
} from "@/lib/domain/incidents/incident";
import { Button } from "@/components/ui/button";
import { ChipInput } from "@/components/ui/chip-input";
import { FieldError, Input, Label, Select, Textarea } from "@/components/ui/field";
import type { IncidentFormValues } from "./form-values";

const num = (v: string) => (v.trim() === "" ? null : Number(v));

export function IncidentForm({
  initial,
  incidentKey,
}: {
  initial: IncidentFormValues;
  /** Editing this incident; recording a new one when absent. */
  incidentKey?: string;
}) {
  const router = useRouter();
  const [f, setF] = useState(initial);
  const save = useMutation({
    mutationFn: () =>
      fetchJson<{ key: string }>(
        incidentKey ? `/api/v1/incidents/${incidentKey}` : "/api/v1/incidents",
        {
          method: incidentKey ? "PATCH" : "POST",
          body: JSON.stringify({
            title: f.title,
            severity: f.severity,
            status: f.status,
            startedAt: f.startedAt,
            detectedAt: f.detectedAt,
            mitigatedAt: f.mitigatedAt || null,
            resolvedAt: f.resolvedAt || null,
            systems: f.systems,
            errors: num(f.errors),
            lostOrders: num(f.lostOrders),
            customersAffected: num(f.customersAffected),
            summary: f.summary,
            postmortemUrl: f.postmortemUrl.trim() || null,
          }),
        },
      ),
    onSuccess: ({ key }) => {
      if (incidentKey) router.refresh();
      else router.push(`/incidents/${key}`);
    },
  });
  const { problems, errorFor } = fieldErrors(save.error);
  const field = (
    name: keyof IncidentFormValues,
    label: string,
    props: React.InputHTMLAttributes<HTMLInputElement> = {},
  ) => (
    <div>
      <Label htmlFor={`i-${name}`}>{label}</Label>
      <Input
        id={`i-${name}`}
        value={f[name] as string}
        onChange={(e) => setF({ ...f, [name]: e.target.value })}
        aria-invalid={Boolean(errorFor(name))}
        aria-describedby={`i-${name}-error`}
        {...props}
      />
      <FieldError id={`i-${name}-error`}>{errorFor(name)}</FieldError>
    </div>
  );

  return (
    <form
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      noValidate
    >
      {field("title", "Title", { placeholder: "Checkout returns 500s for card payments" })}
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <Label htmlFor="i-severity">Severity</Label>
          <Select
            id="i-severity"
            value={f.severity}
            onChange={(e) => setF({ ...f, severity: e.target.value })}
          >
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {SEVERITY_LABEL[s]}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="i-status">Status</Label>
          <Select
            id="i-status"
            value={f.status}
            onChange={(e) => setF({ ...f, status: e.target.value })}
          >
            {INCIDENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {INCIDENT_STATUS_LABEL[s]}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <fieldset className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <legend className="mb-2 text-sm font-medium text-slate-800">Times (UTC)</legend>
        {field("startedAt", "Started", { type: "datetime-local" })}
        {field("detectedAt", "Detected", { type: "datetime-local" })}
        {field("mitigatedAt", "Mitigated", { type: "datetime-local" })}
        {field("resolvedAt", "Resolved", { type: "datetime-local" })}
      </fieldset>
      <ChipInput
        id="i-systems"
        label="Affected systems"
        hint="System slugs, e.g. checkout-api; press Enter after each."
        prefix=""
        suggest="systems"
        values={f.systems}
        onChange={(systems) => setF({ ...f, systems })}
        error={errorFor("systems")}
      />
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-sm font-medium text-slate-800">Impact</legend>
        {field("errors", "Errors", { type: "number", min: 0, inputMode: "numeric" })}
        {field("lostOrders", "Lost orders", { type: "number", min: 0, inputMode: "numeric" })}
        {field("customersAffected", "Customers affected", {
          type: "number",
          min: 0,
          inputMode: "numeric",
        })}
      </fieldset>
      <div>
        <Label htmlFor="i-summary">Summary</Label>
        <Textarea
          id="i-summary"
          rows={4}
          value={f.summary}
          onChange={(e) => setF({ ...f, summary: e.target.value })}
          aria-invalid={Boolean(errorFor("summary"))}
          aria-describedby="i-summary-error"
        />
        <FieldError id="i-summary-error">{errorFor("summary")}</FieldError>
      </div>
      {field("postmortemUrl", "Postmortem link", { type: "url", placeholder: "https://…" })}
      {save.error && problems.length === 0 ? (
        <p role="alert" className="text-sm text-red-700">
          {save.error.message}
        </p>
      ) : null}
      {problems.length > 0 ? (
        <p role="alert" className="text-sm text-red-700">
          Fix the fields marked above: {save.error?.message}
        </p>
      ) : null}
      <div className="flex gap-3">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : incidentKey ? "Save changes" : "Record incident"}
        </Button>
      </div>
    </form>
  );
}
