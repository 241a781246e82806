"use client";
// The windows table and the form to add or edit one. The server validates and audits every save.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { fetchJson } from "@/lib/query/fetch-json";
import { fieldErrors } from "@/lib/query/field-errors";
import { LEVELS } from "@/lib/domain/levels";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { FieldError, Input, Label, Select, Textarea } from "@/components/ui/field";
import { ChipInput } from "@/components/ui/chip-input";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";

interface WindowRow {
  id: string;
  name: string;
  kind: "POLICY" | "FREEZE";
  startsAt: string;
  endsAt: string;
  tiers: number[];
  systems: string[];
  minApprovals: number | null;
  minLevel: string | null;
  requirePrincipal: boolean;
  description: string;
  state: "scheduled" | "active" | "ended";
}

const local = (iso: string) => iso.slice(0, 16);
const blank = () => {
  const start = new Date();
  const end = new Date(start.getTime() + 90 * 24 * 3600_000);
  return {
    id: null as string | null,
    name: "",
    kind: "POLICY" as "POLICY" | "FREEZE",
    startsAt: local(start.toISOString()),
    endsAt: local(end.toISOString()),
    tiers: [1] as number[],
    systems: [] as string[],
    minApprovals: "2",
    minLevel: "SENIOR",
    requirePrincipal: false,
    description: "",
  };
};

function scope(w: WindowRow) {
  const parts = [...(w.tiers.length ? [`tier ${w.tiers.join(", ")}`] : []), ...w.systems];
  return parts.length ? parts.join("; ") : "every system";
}

function rules(w: WindowRow) {
  if (w.kind === "FREEZE") return "no deploys except emergencies";
  return [
    w.minApprovals ? `≥ ${w.minApprovals} approvals` : null,
    w.minLevel ? `${w.minLevel}+` : null,
    w.requirePrincipal ? "one PRINCIPAL" : null,
  ]
    .filter(Boolean)
    .join(", ");
}

export function WindowsEditor({ windows }: { windows: WindowRow[] }) {
  const router = useRouter();
  const [form, setForm] = useState(blank);
  const save = useMutation({
    mutationFn: (body: { id: string | null; payload: unknown }) =>
      fetchJson(body.id ? `/api/v1/policy-windows/${body.id}` : "/api/v1/policy-windows", {
        method: body.id ? "PUT" : "POST",
        body: JSON.stringify(body.payload),
      }),
    onSuccess: () => {
      setForm(blank());
      router.refresh();
    },
  });
  const { problems, errorFor } = fieldErrors(save.error);
  const payload = (f: typeof form) => ({
    name: f.name,
    kind: f.kind,
    startsAt: f.startsAt,
    endsAt: f.endsAt,
    tiers: f.tiers,
    systems: f.systems,
    minApprovals: f.kind === "POLICY" && f.minApprovals !== "" ? Number(f.minApprovals) : null,
    minLevel: f.kind === "POLICY" && f.minLevel ? f.minLevel : null,
    requirePrincipal: f.kind === "POLICY" && f.requirePrincipal,
    description: f.description,
  });
  const edit = (w: WindowRow) =>
    setForm({
      id: w.id,
      name: w.name,
      kind: w.kind,
      startsAt: local(w.startsAt),
      endsAt: local(w.endsAt),
      tiers: w.tiers,
      systems: w.systems,
      minApprovals: w.minApprovals ? String(w.minApprovals) : "",
      minLevel: w.minLevel ?? "",
      requirePrincipal: w.requirePrincipal,
      description: w.description,
    });

  return (
    <div className="space-y-6">
      <Card>
        <Table label="Windows">
          <THead>
            <tr>
              <Th>Window</Th>
              <Th>When (UTC)</Th>
              <Th>Covers</Th>
              <Th>Rules</Th>
              <Th />
            </tr>
          </THead>
          <TBody>
            {windows.map((w) => (
              <tr key={w.id}>
                <Td>
                  <span className="font-medium text-slate-900">{w.name}</span>{" "}
                  <Badge tone={w.kind === "FREEZE" ? "red" : "brand"}>
                    {w.kind === "FREEZE" ? "freeze" : "policy"}
                  </Badge>{" "}
                  <Badge tone={w.state === "active" ? "green" : "neutral"}>{w.state}</Badge>
                  {w.description ? (
                    <span className="mt-0.5 block text-xs text-slate-600">{w.description}</span>
                  ) : null}
                </Td>
                <Td className="whitespace-nowrap text-xs tabular-nums">
                  {w.startsAt.slice(0, 16).replace("T", " ")}
                  <br />→ {w.endsAt.slice(0, 16).replace("T", " ")}
                </Td>
                <Td className="text-xs">{scope(w)}</Td>
                <Td className="text-xs">{rules(w)}</Td>
                <Td className="text-right">
                  <span className="flex justify-end gap-1">
                    <Button
                      size="sm"
                      variant="secondary"
                      onClick={() => edit(w)}
                      aria-label={`Edit ${w.name}`}
                    >
                      Edit
                    </Button>
                    {w.state !== "ended" ? (
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() =>
                          save.mutate({
                            id: w.id,
                            payload: {
                              ...payload({ ...blank(), ...windowToForm(w) }),
                              endsAt: new Date(
                                Math.max(Date.now(), new Date(w.startsAt).getTime() + 60_000),
                              ).toISOString(),
                            },
                          })
                        }
                        aria-label={`End ${w.name} now`}
                      >
                        End now
                      </Button>
                    ) : null}
                  </span>
                </Td>
              </tr>
            ))}
            {windows.length === 0 ? (
              <tr>
                <Td colSpan={5} className="py-8 text-center text-slate-600">
                  No windows yet.
                </Td>
              </tr>
            ) : null}
          </TBody>
        </Table>
      </Card>

      <Card>
        <CardHeader
          title={form.id ? `Edit “${form.name}”` : "New window"}
          description="Times are UTC. Changes routed while the window is active follow it."
        />
        <CardBody>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate({ id: form.id, payload: payload(form) });
            }}
            className="grid gap-4 md:grid-cols-2"
            aria-label="Window"
          >
            {save.error ? (
              <p
                role="alert"
                className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200 md:col-span-2"
              >
                Not saved:{" "}
                {problems.length
                  ? problems.map((p) => `${p.field}: ${p.message}`).join("; ")
                  : save.error.message}
              </p>
            ) : null}
            <div>
              <Label htmlFor="w-name">Name</Label>
              <Input
                id="w-name"
                value={form.name}
                onChange={(e) => setForm({ ...form, name: e.target.value })}
                aria-invalid={errorFor("name") ? true : undefined}
              />
              <FieldError id="w-name-error">{errorFor("name")}</FieldError>
            </div>
            <div>
              <Label htmlFor="w-kind">Kind</Label>
              <Select
                id="w-kind"
                value={form.kind}
                onChange={(e) => setForm({ ...form, kind: e.target.value as "POLICY" | "FREEZE" })}
              >
                <option value="POLICY">Policy window: raise the minimums</option>
                <option value="FREEZE">Freeze: nothing becomes deployable</option>
              </Select>
            </div>
            <div>
              <Label htmlFor="w-start">Starts (UTC)</Label>
              <Input
                id="w-start"
                type="datetime-local"
                value={form.startsAt}
                onChange={(e) => setForm({ ...form, startsAt: e.target.value })}
                aria-invalid={errorFor("startsAt") ? true : undefined}
              />
              <FieldError id="w-start-error">{errorFor("startsAt")}</FieldError>
            </div>
            <div>
              <Label htmlFor="w-end">Ends (UTC)</Label>
              <Input
                id="w-end"
                type="datetime-local"
                value={form.endsAt}
                onChange={(e) => setForm({ ...form, endsAt: e.target.value })}
                aria-invalid={errorFor("endsAt") ? true : undefined}
              />
              <FieldError id="w-end-error">{errorFor("endsAt")}</FieldError>
            </div>
            <fieldset>
              <legend className="mb-1 text-sm font-medium text-slate-800">
                Tiers covered (none: every system)
              </legend>
              <div className="flex gap-4">
                {[1, 2, 3].map((t) => (
                  <label key={t} className="flex items-center gap-1.5 text-sm">
                    <input
                      type="checkbox"
                      checked={form.tiers.includes(t)}
                      onChange={(e) =>
                        setForm({
                          ...form,
                          tiers: e.target.checked
                            ? [...form.tiers, t].sort()
                            : form.tiers.filter((x) => x !== t),
                        })
                      }
                    />
                    Tier {t}
                  </label>
                ))}
              </div>
            </fieldset>
            <ChipInput
              id="w-systems"
              label="Systems covered"
              hint="Slugs; covered in addition to the tiers."
              prefix=""
              values={form.systems}
              onChange={(systems) => setForm({ ...form, systems })}
              error={errorFor("systems")}
            />
            {form.kind === "POLICY" ? (
              <>
                <div>
                  <Label htmlFor="w-approvals">Minimum approvals</Label>
                  <Input
                    id="w-approvals"
                    type="number"
                    min={1}
                    max={5}
                    value={form.minApprovals}
                    onChange={(e) => setForm({ ...form, minApprovals: e.target.value })}
                    aria-invalid={errorFor("minApprovals") ? true : undefined}
                  />
                  <FieldError id="w-approvals-error">{errorFor("minApprovals")}</FieldError>
                </div>
                <div>
                  <Label htmlFor="w-level">Minimum level</Label>
                  <Select
                    id="w-level"
                    value={form.minLevel}
                    onChange={(e) => setForm({ ...form, minLevel: e.target.value })}
                  >
                    <option value="">No change</option>
                    {LEVELS.map((l) => (
                      <option key={l} value={l}>
                        {l}
                      </option>
                    ))}
                  </Select>
                </div>
                <label className="flex items-center gap-2 text-sm md:col-span-2">
                  <input
                    type="checkbox"
                    checked={form.requirePrincipal}
                    onChange={(e) => setForm({ ...form, requirePrincipal: e.target.checked })}
                  />
                  Require one PRINCIPAL approver
                </label>
              </>
            ) : null}
            <div className="md:col-span-2">
              <Label htmlFor="w-description">Why (shown to authors and reviewers)</Label>
              <Textarea
                id="w-description"
                rows={2}
                value={form.description}
                onChange={(e) => setForm({ ...form, description: e.target.value })}
              />
            </div>
            <div className="flex justify-end gap-2 md:col-span-2">
              {form.id ? (
                <Button variant="ghost" onClick={() => setForm(blank())}>
                  Cancel edit
                </Button>
              ) : null}
              <Button type="submit" disabled={save.isPending}>
                {save.isPending ? "Saving…" : form.id ? "Save window" : "Add window"}
              </Button>
            </div>
          </form>
        </CardBody>
      </Card>
    </div>
  );
}

function windowToForm(w: WindowRow) {
  return {
    name: w.name,
    kind: w.kind,
    startsAt: w.startsAt,
    endsAt: w.endsAt,
    tiers: w.tiers,
    systems: w.systems,
    minApprovals: w.minApprovals ? String(w.minApprovals) : "",
    minLevel: w.minLevel ?? "",
    requirePrincipal: w.requirePrincipal,
    description: w.description,
  };
}
