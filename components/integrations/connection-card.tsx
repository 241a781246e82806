"use client";
// One connection: pause or resume it, the repositories (code hosts) or services (incident tools)
// it serves, and its latest deliveries with what became of each and a Redeliver button.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ConnectionView } from "@/lib/server/integrations/connections";
import { fetchJson } from "@/lib/query/fetch-json";
import { fieldErrors } from "@/lib/query/field-errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FieldError, Input, Label } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { DeliveryLog } from "./delivery-log";
import { KINDS } from "./kinds";

function MappingForm({
  connection,
  repositories,
  systems,
}: {
  connection: ConnectionView;
  repositories: string[];
  systems: string[];
}) {
  const router = useRouter();
  const codeHost = KINDS[connection.kind].codeHost;
  const [a, setA] = useState("");
  const [b, setB] = useState("");
  const [name, setName] = useState("");
  const add = useMutation({
    mutationFn: () =>
      fetchJson(`/api/v1/integrations/${connection.id}/${codeHost ? "repositories" : "services"}`, {
        method: "POST",
        body: JSON.stringify(
          codeHost ? { externalName: a, repository: b } : { externalId: a, name, system: b },
        ),
      }),
    onSuccess: () => {
      setA("");
      setB("");
      setName("");
      router.refresh();
    },
  });
  const { problems, errorFor } = fieldErrors(add.error);
  const id = (f: string) => `${connection.id}-${f}`;
  const [first, second] = codeHost ? ["externalName", "repository"] : ["externalId", "system"];
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <div>
        <Label htmlFor={id(first)}>
          {codeHost ? `Repository on ${KINDS[connection.kind].label}` : "Service id"}
        </Label>
        <Input
          id={id(first)}
          required
          value={a}
          placeholder={codeHost ? "owner/name" : "PABC123"}
          onChange={(e) => setA(e.target.value)}
          aria-describedby={`${id(first)}-error`}
        />
        <FieldError id={`${id(first)}-error`}>{errorFor(first)}</FieldError>
      </div>
      {codeHost ? null : (
        <div>
          <Label htmlFor={id("name")}>Service name</Label>
          <Input
            id={id("name")}
            value={name}
            placeholder="Checkout API"
            onChange={(e) => setName(e.target.value)}
          />
        </div>
      )}
      <div>
        <Label htmlFor={id(second)}>{codeHost ? "Countersign repository" : "System"}</Label>
        <Input
          id={id(second)}
          required
          list={id(`${second}-options`)}
          value={b}
          onChange={(e) => setB(e.target.value)}
          aria-describedby={`${id(second)}-error`}
        />
        <datalist id={id(`${second}-options`)}>
          {(codeHost ? repositories : systems).map((x) => (
            <option key={x} value={x} />
          ))}
        </datalist>
        <FieldError id={`${id(second)}-error`}>{errorFor(second)}</FieldError>
      </div>
      <Button type="submit" variant="secondary" disabled={add.isPending}>
        {codeHost ? "Map repository" : "Map service"}
      </Button>
      {add.error && !problems.length ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {add.error.message}
        </p>
      ) : null}
    </form>
  );
}

export function ConnectionCard({
  connection,
  publicUrl,
  repositories,
  systems,
}: {
  connection: ConnectionView;
  publicUrl: string;
  repositories: string[];
  systems: string[];
}) {
  const router = useRouter();
  const toast = useToast();
  const kind = KINDS[connection.kind];
  const toggle = useMutation({
    mutationFn: () =>
      fetchJson(`/api/v1/integrations/${connection.id}`, {
        method: "PATCH",
        body: JSON.stringify({ active: !connection.active }),
      }),
    onSuccess: () => router.refresh(),
    onError: (error) => toast.show(error.message, "error"),
  });
  const mappings = kind.codeHost
    ? connection.repositories.map((r) => ({
        key: r.externalName,
        from: r.externalName,
        to: r.repository,
      }))
    : connection.services.map((s) => ({
        key: s.externalId,
        from: `${s.externalId}${s.name ? ` (${s.name})` : ""}`,
        to: s.system,
      }));

  return (
    <Card aria-labelledby={`connection-${connection.id}`}>
      <CardHeader
        id={`connection-${connection.id}`}
        title={
          <span className="flex items-center gap-2">
            {connection.name} <Badge tone="brand">{kind.label}</Badge>
            {connection.active ? (
              <Badge tone="green">active</Badge>
            ) : (
              <Badge tone="neutral">paused</Badge>
            )}
          </span>
        }
        description={
          <>
            Deliveries to <code className="break-all">{`${publicUrl}${kind.path}`}</code>
            {connection.baseUrl ? (
              <>
                {" "}
                · API <code className="break-all">{connection.baseUrl}</code>
              </>
            ) : null}
          </>
        }
        actions={
          <Button variant="secondary" disabled={toggle.isPending} onClick={() => toggle.mutate()}>
            {connection.active ? "Pause" : "Resume"}
          </Button>
        }
      />
      <CardBody className="space-y-6">
        <section aria-label={kind.codeHost ? "Repositories" : "Services"}>
          <h3 className="text-sm font-semibold text-slate-900">
            {kind.codeHost ? "Repositories" : "Services and their systems"}
          </h3>
          {mappings.length ? (
            <ul className="mt-2 space-y-1 text-sm text-slate-700">
              {mappings.map((m) => (
                <li key={m.key}>
                  <code>{m.from}</code> → <code>{m.to}</code>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2 text-sm text-slate-600">
              None yet: deliveries about unmapped {kind.codeHost ? "repositories" : "services"} are
              logged and ignored.
            </p>
          )}
          <div className="mt-3">
            <MappingForm connection={connection} repositories={repositories} systems={systems} />
          </div>
        </section>
        <section aria-label="Recent deliveries">
          <h3 className="text-sm font-semibold text-slate-900">Recent deliveries</h3>
          <DeliveryLog
            label={`Recent deliveries of ${connection.name}`}
            when="Received"
            rows={connection.deliveries.map((d) => ({
              id: d.id,
              at: d.receivedAt,
              event: d.event,
              reference: d.deliveryId,
              outcome: d.outcome,
              detail: d.detail,
            }))}
            redeliverUrl={(id) => `/api/v1/integrations/deliveries/${id}`}
          />
        </section>
      </CardBody>
    </Card>
  );
}
