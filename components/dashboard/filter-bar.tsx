"use client";
// The dashboard's filter bar: time range (a preset or custom dates), team, system and tier, all
// kept in the URL (lib/domain/metrics/dashboard-query.ts), with the range on screen and its
// comparison range underneath.
import { useSearchParams } from "next/navigation";
import type { DashboardMetrics } from "@/lib/server/metrics/metrics";
import { RANGE_PRESETS } from "@/lib/domain/metrics/ranges";
import { rangeChanges } from "@/lib/domain/metrics/dashboard-query";
import { Input, Label, Select } from "@/components/ui/field";
import { Card } from "@/components/ui/card";
import { useState } from "react";
import { Suggestions } from "@/components/ui/suggestions";

export function FilterBar({
  m,
  isFetching,
  error,
  set,
}: {
  m: DashboardMetrics;
  isFetching: boolean;
  error: Error | null;
  set: (changes: Record<string, string>) => void;
}) {
  const params = useSearchParams();
  const custom = params.has("from") || params.get("days") === "custom";
  const onRange = (value: string) => set(rangeChanges(value, m.range));
  return (
    <Card>
      <form
        role="search"
        aria-label="Dashboard filters"
        className="grid gap-3 px-4 py-3 sm:grid-cols-2 lg:grid-cols-5"
        onSubmit={(e) => e.preventDefault()}
      >
        <div>
          <Label htmlFor="f-range">Time range</Label>
          <Select
            id="f-range"
            value={custom ? "custom" : (params.get("days") ?? "90")}
            onChange={(e) => onRange(e.target.value)}
          >
            {RANGE_PRESETS.map((p) => (
              <option key={p.days} value={String(p.days)}>
                Last {p.label}
              </option>
            ))}
            <option value="custom">Custom range…</option>
          </Select>
        </div>
        {custom ? (
          <div className="grid grid-cols-2 gap-2">
            <div>
              <Label htmlFor="f-from">From (UTC)</Label>
              <Input
                id="f-from"
                type="date"
                value={(params.get("from") ?? m.range.from).slice(0, 10)}
                onChange={(e) =>
                  e.target.value && set({ from: `${e.target.value}T00:00`, days: "" })
                }
              />
            </div>
            <div>
              <Label htmlFor="f-to">To (UTC)</Label>
              <Input
                id="f-to"
                type="date"
                value={(params.get("to") ?? m.range.to).slice(0, 10)}
                onChange={(e) => e.target.value && set({ to: `${e.target.value}T23:59`, days: "" })}
              />
            </div>
          </div>
        ) : null}
        <Picker of="teams" label="Team" placeholder="All teams (type a name)" set={set} />
        <Picker of="systems" label="System" placeholder="All systems (type a slug)" set={set} />
        <div>
          <Label htmlFor="f-tier">Tier</Label>
          <Select
            id="f-tier"
            value={params.get("tier") ?? ""}
            onChange={(e) => set({ tier: e.target.value })}
          >
            <option value="">All tiers</option>
            {[1, 2, 3].map((t) => (
              <option key={t} value={String(t)}>
                Tier {t}
              </option>
            ))}
          </Select>
        </div>
      </form>
      <p className="border-t border-slate-200 px-4 py-2 text-xs text-slate-600" aria-live="polite">
        {m.range.from.slice(0, 10)} to {m.range.to.slice(0, 10)} (UTC), compared with{" "}
        {m.previousRange.from.slice(0, 10)} to {m.previousRange.to.slice(0, 10)}
        {isFetching ? " · Updating…" : ""}
      </p>
      {error ? (
        <p
          role="alert"
          className="border-t border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800"
        >
          {error.message}
        </p>
      ) : null}
    </Card>
  );
}

/** A team or system filter: type, pick a suggestion, and Enter or leave the field to apply it. */
function Picker({
  of,
  label,
  placeholder,
  set,
}: {
  of: "teams" | "systems";
  label: string;
  placeholder: string;
  set: (changes: Record<string, string>) => void;
}) {
  const params = useSearchParams();
  const param = of === "teams" ? "team" : "system";
  const [text, setText] = useState(params.get(param) ?? "");
  return (
    <div>
      <Label htmlFor={`f-${param}`}>{label}</Label>
      <Input
        id={`f-${param}`}
        list={`f-${param}-options`}
        placeholder={placeholder}
        defaultValue={params.get(param) ?? ""}
        onChange={(e) => setText(e.target.value)}
        onBlur={(e) => set({ [param]: e.target.value.trim() })}
        onKeyDown={(e) => {
          if (e.key === "Enter") set({ [param]: e.currentTarget.value.trim() });
        }}
      />
      <Suggestions id={`f-${param}-options`} of={of} text={text} />
    </div>
  );
}
