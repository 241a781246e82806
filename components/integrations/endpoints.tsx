"use client";
// Slack channels and outbound webhooks: add one (its URL and secret are stored encrypted), and
// see each one's latest deliveries with a Redeliver button. The server checks every rule again
// (lib/server/integrations/outbound.ts).
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { EndpointView } from "@/lib/server/integrations/outbound";
import { fetchJson } from "@/lib/query/fetch-json";
import { fieldErrors } from "@/lib/query/field-errors";
import { Badge } from "@/components/ui/badge";
import { DeliveryLog } from "./delivery-log";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FieldError, Hint, Input, Label, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";

export function Endpoints({ endpoints, teams }: { endpoints: EndpointView[]; teams: string[] }) {
  const router = useRouter();
  const toast = useToast();
  const [form, setForm] = useState({
    kind: "SLACK",
    name: "",
    url: "",
    secret: "",
    team: "",
    events: "",
  });
  const create = useMutation({
    mutationFn: () =>
      fetchJson<{ id: string }>("/api/v1/integrations/endpoints", {
        method: "POST",
        body: JSON.stringify({
          kind: form.kind,
          name: form.name,
          url: form.url,
          ...(form.kind === "SLACK"
            ? { team: form.team }
            : {
                secret: form.secret,
                events: form.events.split(/[\s,]+/).filter(Boolean),
              }),
        }),
      }),
    onSuccess: () => {
      toast.show(`${form.name} is added.`, "success");
      setForm({ ...form, name: "", url: "", secret: "", team: "", events: "" });
      router.refresh();
    },
  });
  const { problems, errorFor } = fieldErrors(create.error);
  const field = (name: keyof typeof form) => ({
    id: `endpoint-${name}`,
    value: form[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setForm({ ...form, [name]: e.target.value }),
    "aria-describedby": `endpoint-${name}-error`,
  });
  const slack = form.kind === "SLACK";

  return (
    <Card aria-labelledby="endpoints-title">
      <CardHeader
        id="endpoints-title"
        title="Slack and outbound webhooks"
        description="A team's Slack channel gets its people's assignments, requests for changes, approvals, SLA breaches, unroutable changes and incident suspects. A webhook gets the events you choose, signed with X-Countersign-Signature-256."
      />
      <CardBody className="space-y-6">
        {endpoints.map((e) => (
          <section key={e.id} aria-label={e.name} className="space-y-2">
            <h3 className="flex items-center gap-2 text-sm font-semibold text-slate-900">
              {e.name} <Badge tone="brand">{e.kind === "SLACK" ? "Slack" : "Webhook"}</Badge>
              <span className="font-normal text-slate-600">
                {e.kind === "SLACK"
                  ? `team ${e.team}`
                  : e.events.length
                    ? e.events.join(", ")
                    : "every event"}
              </span>
            </h3>
            <DeliveryLog
              label={`Deliveries to ${e.name}`}
              when="Sent"
              rows={e.deliveries.map((d) => ({
                id: d.id,
                at: d.createdAt,
                event: d.event,
                outcome: d.status,
                detail: `${d.attempts} attempt${d.attempts === 1 ? "" : "s"}${d.detail ? `: ${d.detail}` : ""}`,
              }))}
              redeliverUrl={(id) => `/api/v1/integrations/endpoints/deliveries/${id}`}
            />
          </section>
        ))}
        <form
          className="space-y-4 border-t border-slate-200 pt-4"
          aria-label="Add a Slack channel or webhook"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <div className="grid gap-4 sm:grid-cols-3">
            <div>
              <Label htmlFor="endpoint-kind">Kind</Label>
              <Select {...field("kind")}>
                <option value="SLACK">Slack incoming webhook</option>
                <option value="WEBHOOK">Outbound webhook</option>
              </Select>
            </div>
            <div>
              <Label htmlFor="endpoint-name">Name</Label>
              <Input
                {...field("name")}
                required
                placeholder={slack ? "#checkout-reviews" : "SIEM"}
              />
              <FieldError id="endpoint-name-error">{errorFor("name")}</FieldError>
            </div>
            <div>
              <Label htmlFor="endpoint-url">URL</Label>
              <Input
                {...field("url")}
                required
                type="url"
                placeholder={slack ? "https://hooks.slack.com/services/…" : "https://"}
              />
              <FieldError id="endpoint-url-error">{errorFor("url")}</FieldError>
            </div>
          </div>
          {slack ? (
            <div className="sm:w-1/3">
              <Label htmlFor="endpoint-team">Team</Label>
              <Input
                {...field("team")}
                required
                list="endpoint-team-options"
                placeholder="checkout"
              />
              <datalist id="endpoint-team-options">
                {teams.map((t) => (
                  <option key={t} value={t} />
                ))}
              </datalist>
              <FieldError id="endpoint-team-error">{errorFor("team")}</FieldError>
            </div>
          ) : (
            <div className="grid gap-4 sm:grid-cols-2">
              <div>
                <Label htmlFor="endpoint-secret">Signing secret</Label>
                <Input {...field("secret")} required autoComplete="off" />
                <Hint>At least 16 characters; the receiver checks the signature with it.</Hint>
                <FieldError id="endpoint-secret-error">{errorFor("secret")}</FieldError>
              </div>
              <div>
                <Label htmlFor="endpoint-events">Events</Label>
                <Input {...field("events")} placeholder="every event when empty" />
                <Hint>
                  Audit actions, e.g. change.submitted, review.submitted, incident.recorded
                </Hint>
                <FieldError id="endpoint-events-error">
                  {problems.filter((p) => p.field.startsWith("events")).map((p) => p.message)[0]}
                </FieldError>
              </div>
            </div>
          )}
          {create.error && !problems.length ? (
            <p role="alert" className="text-sm text-red-700">
              {create.error.message}
            </p>
          ) : null}
          <div className="flex justify-end">
            <Button type="submit" variant="secondary" disabled={create.isPending}>
              Add {slack ? "Slack channel" : "webhook"}
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
