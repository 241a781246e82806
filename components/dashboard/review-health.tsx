"use client";
// The dashboard's review-health cards: review times and SLA breaches, queue depth, review load,
// possible rubber stamps, unroutable requirements and policy-window compliance.
import Link from "next/link";
import type { DashboardMetrics } from "@/lib/server/metrics/metrics";
import { isOverloaded } from "@/lib/domain/metrics/dashboard-query";
import { cn } from "@/components/ui/cn";
import { ChartCard } from "./chart-card";
import { QueueDepthChart, ReviewTimesChart } from "./charts";
import { SmallTable } from "./small-table";
import { count, hours, percent } from "./format";

export function ReviewHealthCards({ m, query }: { m: DashboardMetrics; query: string }) {
  return (
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
              className={cn(isOverloaded(d.openPerSenior) && "font-semibold text-red-700")}
            >
              {d.openPerSenior ?? "no seniors"}
              {isOverloaded(d.openPerSenior) ? " · overloaded" : ""}
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
          approvals ({percent(m.rubberStamps.rate)}) were faster than the change&apos;s size allows
          or skipped files.
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
              className="text-brand-700 underline hover:text-brand-800"
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
  );
}
