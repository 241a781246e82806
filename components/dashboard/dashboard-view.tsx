"use client";
// The manager dashboard: filters in the URL, every figure fetched from /api/v1/metrics (the same
// code as the API), refreshed without a reload when a filter changes.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { fetchJson } from "@/lib/query/fetch-json";
import type { DashboardMetrics } from "@/lib/server/metrics/metrics";
import { RANGE_PRESETS } from "@/lib/domain/metrics/ranges";
import { SIZE_BUCKETS } from "@/lib/domain/metrics/size";
import { LEVEL_LABEL, type Level } from "@/lib/domain/levels";
import { Input, Label, Select } from "@/components/ui/field";
import { Card } from "@/components/ui/card";
import { SystemOptions } from "@/components/systems/system-options";
import { cn } from "@/components/ui/cn";
import { ChartCard } from "./chart-card";
import {
  FailureTrendChart,
  IncidentsPerWeekChart,
  QueueDepthChart,
  RateBarChart,
  RestoreChart,
  ReviewTimesChart,
  SEVERITY_COLOR,
} from "./charts";
import { Headline } from "./headline";
import { count, hours, percent } from "./format";

const OVERLOADED_PER_SENIOR = 5;
const FILTERS = ["days", "from", "to", "team", "system", "tier"] as const;

export function DashboardView({
  initial,
  teams,
  systems,
}: {
  initial: DashboardMetrics;
  teams: { slug: string; name: string }[];
  systems: { slug: string; name: string }[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const query = new URLSearchParams(
    [...params.entries()].filter(([k, v]) => (FILTERS as readonly string[]).includes(k) && v),
  ).toString();
  const [initialQuery] = useState(query);
  const { data, isFetching, error } = useQuery({
    queryKey: ["metrics", query],
    queryFn: () => fetchJson<DashboardMetrics>(`/api/v1/metrics${query ? `?${query}` : ""}`),
    initialData: query === initialQuery ? initial : undefined,
    placeholderData: keepPreviousData,
  });
  const m = data ?? initial;
  const custom = params.has("from") || params.get("days") === "custom";

  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    const q = next.toString();
    router.replace(q ? `${pathname}?${q}` : pathname, { scroll: false });
  };
  const onRange = (value: string) => {
    if (value === "custom")
      set({ days: "", from: m.range.from.slice(0, 10) + "T00:00", to: m.range.to.slice(0, 16) });
    else set({ days: value === "90" ? "" : value, from: "", to: "" });
  };
  const cfr = m.changeFailureRate;
  const levelRows = cfr.byAuthorLevel.map((s) => ({ ...s, key: LEVEL_LABEL[s.key as Level] }));
  const sizeRows = cfr.bySize.map((s) => ({ ...s, key: s.key }));

  return (
    <div className="space-y-5">
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
                  onChange={(e) =>
                    e.target.value && set({ to: `${e.target.value}T23:59`, days: "" })
                  }
                />
              </div>
            </div>
          ) : null}
          <div>
            <Label htmlFor="f-team">Team</Label>
            <Select
              id="f-team"
              value={params.get("team") ?? ""}
              onChange={(e) => set({ team: e.target.value })}
            >
              <option value="">All teams</option>
              {teams.map((t) => (
                <option key={t.slug} value={t.slug}>
                  {t.name}
                </option>
              ))}
            </Select>
          </div>
          <div>
            <Label htmlFor="f-system">System</Label>
            <Input
              id="f-system"
              list="f-system-options"
              placeholder="All systems (type a slug)"
              defaultValue={params.get("system") ?? ""}
              onBlur={(e) => set({ system: e.target.value.trim() })}
              onKeyDown={(e) => {
                if (e.key === "Enter") set({ system: e.currentTarget.value.trim() });
              }}
            />
            <SystemOptions id="f-system-options" systems={systems} />
          </div>
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
        <p
          className="border-t border-slate-200 px-4 py-2 text-xs text-slate-600"
          aria-live="polite"
        >
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

      <div
        aria-busy={isFetching}
        className={cn("space-y-5 transition-opacity", isFetching && "opacity-60")}
      >
        <Headline h={m.headline} />

        <div className="grid gap-5 xl:grid-cols-2">
          <ChartCard
            name="incidentsPerWeek"
            metrics={m}
            query={query}
            empty={m.incidentsPerWeek.length === 0}
            summary={`${m.headline.incidents.current} incidents over ${m.incidentsPerWeek.length} weeks, stacked by severity.`}
          >
            <IncidentsPerWeekChart data={m.incidentsPerWeek} />
          </ChartCard>
          <ChartCard
            name="changeFailureTrend"
            metrics={m}
            query={query}
            empty={m.changeFailureTrend.length === 0}
            summary={`Weekly change failure rate: AI-assisted ${percent(m.headline.aiFailureRatio.aiRate)} overall, no AI ${percent(m.headline.aiFailureRatio.noneRate)}.`}
          >
            <FailureTrendChart data={m.changeFailureTrend} />
          </ChartCard>
        </div>

        <ChartCard
          name="changeFailureRate"
          metrics={m}
          query={query}
          empty={cfr.overall.deployed === 0}
          summary={`Change failure rate ${percent(cfr.overall.rate)} of ${cfr.overall.deployed} deployed changes, split by AI extent, author level and size.`}
        >
          <div className="grid gap-4 lg:grid-cols-3">
            <div>
              <h3 className="text-sm font-medium text-slate-800">By AI extent</h3>
              <RateBarChart data={cfr.byAiExtent} xLabel="AI extent" />
            </div>
            <div>
              <h3 className="text-sm font-medium text-slate-800">By author level</h3>
              <RateBarChart data={levelRows} xLabel="Author level" />
            </div>
            <div>
              <h3 className="text-sm font-medium text-slate-800">By size</h3>
              <RateBarChart
                data={sizeRows}
                xLabel={`Lines changed (${SIZE_BUCKETS.map((b) => b.name).join(", ")})`}
              />
            </div>
          </div>
          <h3 className="mt-4 text-sm font-medium text-slate-800">
            By approver (most failures first)
          </h3>
          <SmallTable
            label="Change failure rate by approver"
            head={["Approver", "Level", "Deployed", "Caused", "Rate"]}
            rows={cfr.byApprover
              .slice(0, 8)
              .map((a) => [
                `${a.name} (@${a.key})`,
                a.level,
                count(a.deployed),
                count(a.caused),
                percent(a.rate),
              ])}
          />
        </ChartCard>

        <div className="grid gap-5 xl:grid-cols-2">
          <ChartCard
            name="timeToRestore"
            metrics={m}
            query={query}
            empty={m.timeToRestore.resolved === 0}
            summary={`Median time to restore ${hours(m.timeToRestore.p50Hours)}, p90 ${hours(m.timeToRestore.p90Hours)}.`}
          >
            <p className="mb-2 text-sm text-slate-700">
              Median <strong>{hours(m.timeToRestore.p50Hours)}</strong> · p90{" "}
              <strong>{hours(m.timeToRestore.p90Hours)}</strong> over {m.timeToRestore.resolved}{" "}
              resolved incidents
            </p>
            <RestoreChart data={m.timeToRestore.distribution} />
          </ChartCard>
          <ChartCard
            name="customerImpact"
            metrics={m}
            query={query}
            empty={m.customerImpact.incidents === 0}
            summary={`${count(m.customerImpact.customersAffected)} customers affected and ${count(m.customerImpact.lostOrders)} orders lost.`}
          >
            <dl className="mb-3 grid grid-cols-3 gap-2 text-center">
              {[
                ["Customers affected", m.customerImpact.customersAffected],
                ["Lost orders", m.customerImpact.lostOrders],
                ["Errors", m.customerImpact.errors],
              ].map(([label, value]) => (
                <div key={label} className="rounded-md bg-slate-50 px-2 py-2">
                  <dt className="text-xs text-slate-600">{label}</dt>
                  <dd className="text-lg font-semibold tabular-nums text-slate-900">
                    {count(value as number)}
                  </dd>
                </div>
              ))}
            </dl>
            <SmallTable
              label="Customer impact by severity"
              head={["Severity", "Incidents", "Customers", "Lost orders"]}
              rows={m.customerImpact.bySeverity.map((s) => [
                <span key="s" className="inline-flex items-center gap-1.5">
                  <span
                    aria-hidden
                    className="size-2.5 rounded-sm"
                    style={{ background: SEVERITY_COLOR[s.severity] }}
                  />
                  {s.severity}
                </span>,
                count(s.incidents),
                count(s.customersAffected),
                count(s.lostOrders),
              ])}
            />
          </ChartCard>
        </div>

        <h2 className="pt-2 text-lg font-semibold text-slate-900">Review health</h2>
        <div className="grid gap-5 xl:grid-cols-2">
          <ChartCard
            name="reviewTimes"
            metrics={m}
            query={query}
            empty={m.reviewTimes.submitted === 0}
            summary={`First review p50 ${hours(m.reviewTimes.firstReview.p50Hours)}, p90 ${hours(m.reviewTimes.firstReview.p90Hours)}; approval p50 ${hours(m.reviewTimes.approval.p50Hours)}.`}
          >
            <p className="mb-2 text-sm text-slate-700">
              First review p50 <strong>{hours(m.reviewTimes.firstReview.p50Hours)}</strong>, p90{" "}
              <strong>{hours(m.reviewTimes.firstReview.p90Hours)}</strong> · approval p50{" "}
              <strong>{hours(m.reviewTimes.approval.p50Hours)}</strong>, p90{" "}
              <strong>{hours(m.reviewTimes.approval.p90Hours)}</strong> · SLA breaches{" "}
              <strong>{count(m.slaBreaches.breaches)}</strong> ({percent(m.slaBreaches.rate)})
            </p>
            <ReviewTimesChart data={m.reviewTimes.perWeek} />
          </ChartCard>
          <ChartCard
            name="queueDepth"
            metrics={m}
            query={query}
            empty={m.queueDepth.length === 0}
            summary={`Changes waiting now in the ${m.queueDepth.length} busiest teams, within and past their SLA.`}
          >
            <QueueDepthChart data={m.queueDepth} />
            <SmallTable
              label="Open assignments per senior"
              head={["Team", "Waiting", "Past SLA", "Open per senior"]}
              rows={m.queueDepth.slice(0, 8).map((d) => [
                d.name,
                count(d.waiting),
                count(d.overdue),
                <span
                  key="o"
                  className={cn(
                    (d.openPerSenior ?? 0) >= OVERLOADED_PER_SENIOR && "font-semibold text-red-700",
                  )}
                >
                  {d.openPerSenior ?? "no seniors"}
                  {(d.openPerSenior ?? 0) >= OVERLOADED_PER_SENIOR ? " · overloaded" : ""}
                </span>,
              ])}
            />
          </ChartCard>
          <ChartCard
            name="reviewLoad"
            metrics={m}
            query={query}
            empty={m.reviewLoad.length === 0}
            summary={`The ${m.reviewLoad.length} SENIOR+ reviewers with the most reviews in the range.`}
          >
            <SmallTable
              label="Review load per senior"
              head={["Reviewer", "Team", "Reviews", "Lines", "Median time", "Open now"]}
              rows={m.reviewLoad.map((r) => [
                `${r.name} (@${r.handle})`,
                r.team ?? "–",
                count(r.reviews),
                count(r.linesReviewed),
                r.medianSeconds === null ? "–" : `${Math.round(r.medianSeconds / 60)} min`,
                count(r.openAssignments),
              ])}
            />
          </ChartCard>
          <ChartCard
            name="rubberStamps"
            metrics={m}
            query={query}
            empty={m.rubberStamps.approvals === 0}
            summary={`${m.rubberStamps.flagged} of ${m.rubberStamps.approvals} approvals flagged as possible rubber stamps.`}
          >
            <p className="mb-2 text-sm text-slate-700">
              <strong>{count(m.rubberStamps.flagged)}</strong> of {count(m.rubberStamps.approvals)}{" "}
              approvals ({percent(m.rubberStamps.rate)}) were faster than the change&apos;s size
              allows or skipped files.
            </p>
            <SmallTable
              label="Recent possible rubber stamps"
              head={["Change", "Reviewer", "Lines", "Time", "Why"]}
              rows={m.rubberStamps.recent.map((r) => [
                <Link
                  key="c"
                  href={`/changes/${r.change}`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {r.change}
                </Link>,
                `@${r.reviewer}`,
                count(r.linesChanged),
                `${r.secondsSpent} s`,
                r.reasons.join("; "),
              ])}
            />
          </ChartCard>
          <ChartCard
            name="unroutable"
            metrics={m}
            query={query}
            empty={m.unroutable.total === 0}
            summary={`${m.unroutable.total} sign-off requirements have no eligible reviewer.`}
          >
            <p className="mb-2 text-sm text-slate-700">
              <strong>{count(m.unroutable.total)}</strong> requirements on waiting changes have no
              eligible reviewer.
            </p>
            <SmallTable
              label="Unroutable requirements by system"
              head={["System", "Requirements"]}
              rows={m.unroutable.bySystem.map((u) => [
                <Link
                  key="s"
                  href={`/systems/${u.system}`}
                  className="text-brand-700 hover:underline"
                >
                  {u.name}
                </Link>,
                count(u.requirements),
              ])}
            />
          </ChartCard>
          <ChartCard
            name="windowCompliance"
            metrics={m}
            query={query}
            empty={m.windowCompliance.length === 0}
            summary={
              m.windowCompliance.map((w) => `${w.name}: ${percent(w.rate)} compliant`).join("; ") ||
              "No policy windows in the range."
            }
          >
            <ul className="space-y-3">
              {m.windowCompliance.map((w) => (
                <li key={w.id}>
                  <div className="flex justify-between text-sm">
                    <span className="font-medium text-slate-900">{w.name}</span>
                    <span className="tabular-nums text-slate-700">
                      {percent(w.rate)} · {w.met} of {w.inScope}
                    </span>
                  </div>
                  <div className="mt-1 h-2.5 rounded-full bg-slate-100" aria-hidden>
                    <div
                      className="h-2.5 rounded-full bg-emerald-600"
                      style={{ width: `${(w.rate ?? 0) * 100}%` }}
                    />
                  </div>
                  <p className="mt-1 text-xs text-slate-600">
                    {w.minApprovals ? `${w.minApprovals} approvals` : ""}
                    {w.minLevel ? ` by ${w.minLevel}+` : ""}
                    {w.requirePrincipal ? ", one a PRINCIPAL" : ""}
                    {w.tiers.length ? ` on tier ${w.tiers.join(", ")}` : " on every tier"} ·{" "}
                    {w.startsAt.slice(0, 10)} – {w.endsAt.slice(0, 10)}
                  </p>
                </li>
              ))}
            </ul>
          </ChartCard>
        </div>
      </div>
    </div>
  );
}

function SmallTable({
  label,
  head,
  rows,
}: {
  label: string;
  head: string[];
  rows: React.ReactNode[][];
}) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">None.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label={label}>
        <thead>
          <tr>
            {head.map((h) => (
              <th
                key={h}
                scope="col"
                className="px-2 py-1.5 text-left text-xs font-semibold text-slate-600"
              >
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((cell, j) => (
                <td key={j} className="px-2 py-1.5 tabular-nums text-slate-800">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
