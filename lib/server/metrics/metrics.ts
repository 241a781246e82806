// Every figure of the dashboard for a scope, assembled from the SQL aggregates in queries.ts
// (incidents, live queue state) and fact-queries.ts (changes and reviews, from the rollups).
// The dashboard page and GET /api/v1/metrics both call getMetrics, so they cannot disagree.
import { METRIC_DEFINITIONS } from "@/lib/domain/metrics/definitions";
import { SIZE_BUCKETS } from "@/lib/domain/metrics/size";
import { previousPeriod, rate, relativeChange } from "@/lib/domain/metrics/stats";
import { AI_EXTENTS } from "@/lib/domain/policy/minimum-level";
import { LEVELS } from "@/lib/domain/levels";
import { SEVERITIES } from "@/lib/domain/incidents/incident";
import type { MetricsScope } from "./filters";
import * as q from "./queries";
import * as f from "./fact-queries";

const round = (n: number | null, digits = 2) =>
  n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits;
const iso = (d: Date) => d.toISOString();

interface Split {
  key: string;
  deployed: number;
  caused: number;
  rate: number | null;
}
const asSplit = (key: string, r: { deployed: number; caused: number } | undefined): Split => ({
  key,
  deployed: r?.deployed ?? 0,
  caused: r?.caused ?? 0,
  rate: round(rate(r?.caused ?? 0, r?.deployed ?? 0), 4),
});

function headline(
  current: number | null,
  previous: number | null,
): { current: number | null; previous: number | null; change: number | null } {
  return { current, previous, change: round(relativeChange(current, previous), 4) };
}

export async function getMetrics(scope: MetricsScope) {
  const prev = { ...scope, ...previousPeriod(scope.from, scope.to) };
  const [
    perWeek,
    totals,
    distribution,
    splits,
    byApprover,
    timings,
    depth,
    load,
    unroutableRows,
    stamps,
    recentStamps,
    windows,
    beforeIncidents,
    beforeChanges,
  ] = await Promise.all([
    q.incidentsPerWeek(scope),
    q.incidentTotals(scope),
    q.restoreDistribution(scope),
    f.changeFailureSplits(scope),
    f.changeFailureByApprover(scope),
    f.reviewTimes(scope),
    q.queueDepth(scope),
    f.reviewLoad(scope),
    q.unroutable(scope),
    f.rubberStampTotals(scope),
    f.recentRubberStamps(scope),
    f.windowCompliance(scope),
    q.headlineIncidentFigures(prev),
    f.headlineChangeFigures(prev),
  ]);
  const before = { ...beforeIncidents, ...beforeChanges };

  const weeks = new Map<string, Record<string, number>>();
  for (const r of perWeek) {
    const w = weeks.get(iso(r.week)) ?? Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
    w[r.severity] = r.incidents;
    weeks.set(iso(r.week), w);
  }
  const incidentsPerWeek = [...weeks.entries()].map(([week, counts]) => ({
    week,
    ...(counts as Record<(typeof SEVERITIES)[number], number>),
    total: Object.values(counts).reduce((a, b) => a + b, 0),
  }));

  const overallIncidents = totals.find((t) => t.severity === null);
  const bySeverity = SEVERITIES.map((s) => totals.find((t) => t.severity === s));

  const overall = splits.find((s) => s.grouping === 31);
  const only = (field: "ai" | "level" | "size", key: string) =>
    splits.find((s) => s[field] === key && s.grouping === { ai: 15, level: 23, size: 27 }[field]);
  const trendRows = splits.filter((s) => s.grouping === 28 && s.week);
  const trendWeeks = [...new Set(trendRows.map((r) => iso(r.week!)))].sort();
  const changeFailureTrend = trendWeeks.map((week) => {
    const ai = trendRows.find((r) => iso(r.week!) === week && r.aiAssisted === true);
    const none = trendRows.find((r) => iso(r.week!) === week && r.aiAssisted === false);
    return {
      week,
      aiDeployed: ai?.deployed ?? 0,
      aiCaused: ai?.caused ?? 0,
      aiRate: round(rate(ai?.caused ?? 0, ai?.deployed ?? 0), 4),
      noneDeployed: none?.deployed ?? 0,
      noneCaused: none?.caused ?? 0,
      noneRate: round(rate(none?.caused ?? 0, none?.deployed ?? 0), 4),
    };
  });
  const aiSplit = AI_EXTENTS.filter((a) => a !== "NONE").reduce(
    (acc, a) => {
      const r = only("ai", a);
      return { deployed: acc.deployed + (r?.deployed ?? 0), caused: acc.caused + (r?.caused ?? 0) };
    },
    { deployed: 0, caused: 0 },
  );
  const aiRate = rate(aiSplit.caused, aiSplit.deployed);
  const noneRate = rate(only("ai", "NONE")?.caused ?? 0, only("ai", "NONE")?.deployed ?? 0);
  const prevAiRate = rate(before.aiCaused, before.aiDeployed);
  const prevNoneRate = rate(before.caused - before.aiCaused, before.deployed - before.aiDeployed);
  const ratio = (a: number | null, b: number | null) => (a === null || !b ? null : a / b);

  const timingAll = timings.find((t) => t.week === null);
  const unroutableTotal = unroutableRows.find((r) => r.slug === null)?.requirements ?? 0;

  return {
    generatedAt: new Date().toISOString(),
    /** Where the figures were read (lib/server/metrics/cache.ts sets it): a replica says how old. */
    readFrom: "primary" as "primary" | "replica",
    asOf: null as string | null,
    range: { from: iso(scope.from), to: iso(scope.to) },
    previousRange: { from: iso(prev.from), to: iso(prev.to) },
    filters: {
      team: scope.team?.slug ?? null,
      system: scope.system?.slug ?? null,
      tier: scope.tier,
    },
    definitions: METRIC_DEFINITIONS,
    headline: {
      incidents: headline(overallIncidents?.incidents ?? 0, before.incidents),
      changeFailureRate: headline(
        round(rate(overall?.caused ?? 0, overall?.deployed ?? 0), 4),
        round(rate(before.caused, before.deployed), 4),
      ),
      aiFailureRatio: {
        ...headline(round(ratio(aiRate, noneRate), 2), round(ratio(prevAiRate, prevNoneRate), 2)),
        aiRate: round(aiRate, 4),
        noneRate: round(noneRate, 4),
      },
      timeToRestoreP50Hours: headline(round(overallIncidents?.p50 ?? null), round(before.ttrP50)),
      timeToFirstReviewP50Hours: headline(
        round(timingAll?.firstP50 ?? null),
        round(before.firstReviewP50),
      ),
      slaBreaches: headline(timingAll?.breaches ?? 0, before.breaches),
      possibleRubberStamps: headline(stamps.flagged, before.flagged),
    },
    incidentsPerWeek,
    timeToRestore: {
      resolved: overallIncidents?.resolved ?? 0,
      p50Hours: round(overallIncidents?.p50 ?? null),
      p90Hours: round(overallIncidents?.p90 ?? null),
      bySeverity: SEVERITIES.map((s, i) => ({
        severity: s,
        resolved: bySeverity[i]?.resolved ?? 0,
        p50Hours: round(bySeverity[i]?.p50 ?? null),
        p90Hours: round(bySeverity[i]?.p90 ?? null),
      })),
      distribution: q.RESTORE_BUCKETS.map((b) => ({
        bucket: b.name,
        incidents: distribution.find((d) => d.bucket === b.name)?.incidents ?? 0,
      })),
    },
    customerImpact: {
      incidents: overallIncidents?.incidents ?? 0,
      errors: overallIncidents?.errors ?? 0,
      lostOrders: overallIncidents?.lostOrders ?? 0,
      customersAffected: overallIncidents?.customersAffected ?? 0,
      bySeverity: SEVERITIES.map((s, i) => ({
        severity: s,
        incidents: bySeverity[i]?.incidents ?? 0,
        errors: bySeverity[i]?.errors ?? 0,
        lostOrders: bySeverity[i]?.lostOrders ?? 0,
        customersAffected: bySeverity[i]?.customersAffected ?? 0,
      })),
    },
    changeFailureRate: {
      overall: asSplit("all", overall),
      byAiExtent: AI_EXTENTS.map((a) => asSplit(a, only("ai", a))),
      byAuthorLevel: LEVELS.map((l) => asSplit(l, only("level", l))),
      bySize: SIZE_BUCKETS.map((b) => asSplit(b.name, only("size", b.name))),
      byApprover: byApprover.map((a) => ({
        ...asSplit(a.handle, a),
        name: a.name,
        level: a.level,
      })),
    },
    changeFailureTrend,
    reviewTimes: {
      submitted: timingAll?.submitted ?? 0,
      firstReview: {
        p50Hours: round(timingAll?.firstP50 ?? null),
        p90Hours: round(timingAll?.firstP90 ?? null),
      },
      approval: {
        p50Hours: round(timingAll?.approvalP50 ?? null),
        p90Hours: round(timingAll?.approvalP90 ?? null),
      },
      perWeek: timings
        .filter((t) => t.week !== null)
        .map((t) => ({
          week: iso(t.week!),
          submitted: t.submitted,
          firstReviewP50Hours: round(t.firstP50),
          firstReviewP90Hours: round(t.firstP90),
          approvalP50Hours: round(t.approvalP50),
          breaches: t.breaches,
        })),
    },
    slaBreaches: {
      breaches: timingAll?.breaches ?? 0,
      submitted: timingAll?.submitted ?? 0,
      rate: round(rate(timingAll?.breaches ?? 0, timingAll?.submitted ?? 0), 4),
    },
    queueDepth: depth.map((d) => ({
      ...d,
      openPerSenior: d.seniors ? round(d.openAssignments / d.seniors, 1) : null,
    })),
    reviewLoad: load.map((l) => ({ ...l, medianSeconds: round(l.medianSeconds, 0) })),
    unroutable: {
      total: unroutableTotal,
      bySystem: unroutableRows
        .filter((r) => r.slug !== null)
        .map((r) => ({ system: r.slug!, name: r.name!, requirements: r.requirements })),
    },
    rubberStamps: {
      approvals: stamps.approvals,
      flagged: stamps.flagged,
      rate: round(rate(stamps.flagged, stamps.approvals), 4),
      recent: recentStamps.map((r) => ({ ...r, at: iso(r.at) })),
    },
    windowCompliance: windows.map((w) => ({
      id: w.id,
      name: w.name,
      startsAt: iso(w.startsAt),
      endsAt: iso(w.endsAt),
      tiers: w.tiers,
      minApprovals: w.minApprovals,
      minLevel: w.minLevel,
      requirePrincipal: w.requirePrincipal,
      inScope: w.inScope,
      met: w.met,
      rate: round(rate(w.met, w.inScope), 4),
    })),
  };
}

export type DashboardMetrics = Awaited<ReturnType<typeof getMetrics>>;
