// The change and review figures, from the fact and rollup tables that database triggers keep in
// step (migration metrics_rollups): each filter is one scope key, whole UTC days come from the
// daily rollups and the partial days at either edge from the fact rows, so every count is exact
// and reads a few thousand rows however many changes there are. Percentiles are exact too:
// PostgreSQL's percentile_cont over the scope's fact rows, read from a covering index.
import { Prisma, type PolicyWindow } from "@/lib/generated/prisma/client";
import { readDb } from "@/lib/db/replica";
import {
  factScope,
  isoDay,
  qualifyingApprovalsColumn,
  wholeDays,
  windowScopes,
} from "@/lib/domain/metrics/scope";
import type { MetricsScope } from "./filters";

interface FactRange {
  key: string;
  from: Date;
  to: Date;
  dayFrom: string;
  dayTo: string;
  edgeFrom: Date;
  edgeTo: Date;
}

function factRange(scope: MetricsScope): FactRange {
  const { dayFrom, dayTo } = wholeDays(scope.from, scope.to);
  return {
    key: factScope(scope),
    from: scope.from,
    to: scope.to,
    dayFrom: isoDay(dayFrom),
    dayTo: isoDay(dayTo),
    edgeFrom: dayFrom,
    edgeTo: dayTo,
  };
}

/** `column` in [from, to) but outside the whole days the rollups answer. */
const onEdges = (r: FactRange, column: string) => {
  const c = Prisma.raw(column);
  return Prisma.sql`((${c} >= ${r.from} AND ${c} < ${r.edgeFrom}) OR (${c} >= ${r.edgeTo} AND ${c} < ${r.to}))`;
};
const wholeDaysOf = (r: FactRange) =>
  Prisma.sql`"day" >= ${r.dayFrom}::date AND "day" < ${r.dayTo}::date`;

/** Deployed changes in range: (split, day, deployed, caused). */
const deployedRows = (r: FactRange) => Prisma.sql`
  SELECT "aiExtent"::text AS ai, "authorLevel" AS level, "sizeBucket" AS size, "day"::timestamp AS day,
    deployed, caused
  FROM "MetricDeployDay" WHERE scope = ${r.key} AND ${wholeDaysOf(r)}
  UNION ALL
  SELECT "aiExtent"::text, "authorLevel", "sizeBucket", "deployedAt", 1, caused::int
  FROM "MetricChange" WHERE scope = ${r.key} AND ${onEdges(r, '"deployedAt"')}`;

/** Reviews given in range: (reviewer, reviews, lines, approvals, flagged approvals). */
const reviewRows = (r: FactRange) => Prisma.sql`
  SELECT "reviewerId", reviews, "linesChanged", approvals, flagged
  FROM "MetricReviewDay" WHERE scope = ${r.key} AND ${wholeDaysOf(r)}
  UNION ALL
  SELECT "reviewerId", 1, "linesChanged", approve::int, (approve AND flagged)::int
  FROM "MetricReview" WHERE scope = ${r.key} AND ${onEdges(r, '"createdAt"')}`;

/** Changes submitted in range (the fact rows themselves, for exact percentiles). */
const submitted = (r: FactRange) =>
  Prisma.sql`scope = ${r.key} AND "submittedAt" >= ${r.from} AND "submittedAt" < ${r.to}`;

/**
 * Change failure rate in one pass: overall (all keys null), by AI extent, by author level, by
 * size bucket, and per week for AI-assisted vs not.
 */
export async function changeFailureSplits(scope: MetricsScope) {
  return readDb().$queryRaw<
    {
      ai: string | null;
      level: string | null;
      size: string | null;
      week: Date | null;
      aiAssisted: boolean | null;
      grouping: number;
      deployed: number;
      caused: number;
    }[]
  >`
    WITH d AS (SELECT *, date_trunc('week', day) AS week FROM (${deployedRows(factRange(scope))}) x)
    SELECT ai, level, size, week, (ai <> 'NONE') AS "aiAssisted",
      GROUPING(ai, level, size, week, (ai <> 'NONE'))::int AS grouping,
      sum(deployed)::int AS deployed, sum(caused)::int AS caused
    FROM d
    GROUP BY GROUPING SETS ((), (ai), (level), (size), (week, (ai <> 'NONE')))
    HAVING sum(deployed) <> 0`;
}

/** Change failure rate per approver of the deployed revision, most failures first. */
export async function changeFailureByApprover(scope: MetricsScope, limit = 20) {
  const r = factRange(scope);
  return readDb().$queryRaw<
    { handle: string; name: string; level: string; deployed: number; caused: number }[]
  >`
    WITH d AS (
      SELECT "approverId", deployed, caused
      FROM "MetricApproverDay" WHERE scope = ${r.key} AND ${wholeDaysOf(r)}
      UNION ALL
      SELECT a.id, 1, m.caused::int
      FROM "MetricChange" m CROSS JOIN LATERAL unnest(m."approverIds") AS a(id)
      WHERE m.scope = ${r.key} AND ${onEdges(r, 'm."deployedAt"')}
    ), t AS (
      SELECT "approverId", sum(deployed)::int AS deployed, sum(caused)::int AS caused
      FROM d GROUP BY 1 HAVING sum(deployed) <> 0
    )
    SELECT u.handle, u.name, u.level::text AS level, t.deployed, t.caused
    FROM t JOIN "User" u ON u.id = t."approverId"
    ORDER BY t.caused DESC, t.deployed DESC, u.handle
    LIMIT ${limit}`;
}

/** Review timings and SLA breaches of changes submitted in range: overall and per week. */
export async function reviewTimes(scope: MetricsScope) {
  // Two passes that run side by side (one GROUPING SETS pass would first re-sort every row by week).
  const where = submitted(factRange(scope));
  const timings = (week: Prisma.Sql, groupBy: Prisma.Sql) => readDb().$queryRaw<
    {
      week: Date | null;
      submitted: number;
      first: (number | null)[] | null;
      approval: (number | null)[] | null;
      breaches: number;
    }[]
  >`
    SELECT ${week} AS week, count(*)::int AS submitted,
      percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY "firstReviewHours") AS first,
      percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY "approvalHours") AS approval,
      (count(*) FILTER (WHERE "slaBreached"))::int AS breaches
    FROM "MetricChange" WHERE ${where} ${groupBy}`;
  const byWeek = Prisma.sql`date_trunc('week', "submittedAt")`;
  const [overall, weekly] = await Promise.all([
    timings(Prisma.sql`NULL::timestamp`, Prisma.empty),
    timings(byWeek, Prisma.sql`GROUP BY 1 ORDER BY 1`),
  ]);
  return [...overall, ...weekly].map((t) => ({
    week: t.week,
    submitted: t.submitted,
    firstP50: t.first?.[0] ?? null,
    firstP90: t.first?.[1] ?? null,
    approvalP50: t.approval?.[0] ?? null,
    approvalP90: t.approval?.[1] ?? null,
    breaches: t.breaches,
  }));
}

/** SENIOR+ reviewers by reviews given in range, with their median time and open assignments. */
export async function reviewLoad(scope: MetricsScope, limit = 15) {
  const r = factRange(scope);
  return readDb().$queryRaw<
    {
      handle: string;
      name: string;
      level: string;
      team: string | null;
      reviews: number;
      linesReviewed: number;
      medianSeconds: number | null;
      openAssignments: number;
    }[]
  >`
    WITH t AS (
      SELECT "reviewerId", sum(reviews)::int AS reviews, sum("linesChanged")::float8 AS "linesReviewed"
      FROM (${reviewRows(r)}) d GROUP BY 1 HAVING sum(reviews) <> 0
    ), top AS (
      SELECT t.*, u.handle, u.name, u.level
      FROM t JOIN "User" u ON u.id = t."reviewerId"
      WHERE u.level IN ('SENIOR', 'PRINCIPAL')
      ORDER BY t.reviews DESC, u.handle
      LIMIT ${limit}
    )
    SELECT top.handle, top.name, top.level::text AS level,
      (SELECT tm_t.name FROM "TeamMember" tm JOIN "Team" tm_t ON tm_t.id = tm."teamId"
        WHERE tm."userId" = top."reviewerId" ORDER BY tm_t.name LIMIT 1) AS team,
      top.reviews, top."linesReviewed",
      (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY m."secondsSpent") FROM "MetricReview" m
        WHERE m.scope = ${r.key} AND m."reviewerId" = top."reviewerId"
          AND m."createdAt" >= ${r.from} AND m."createdAt" < ${r.to}) AS "medianSeconds",
      (SELECT count(*)::int FROM "Assignment" a
        WHERE a."reviewerId" = top."reviewerId" AND a.state = 'OPEN') AS "openAssignments"
    FROM top
    ORDER BY top.reviews DESC, top.handle`;
}

export async function rubberStampTotals(scope: MetricsScope) {
  const [row] = await readDb().$queryRaw<{ approvals: number; flagged: number }[]>`
    SELECT coalesce(sum(approvals), 0)::int AS approvals, coalesce(sum(flagged), 0)::int AS flagged
    FROM (${reviewRows(factRange(scope))}) d`;
  return row ?? { approvals: 0, flagged: 0 };
}

export async function recentRubberStamps(scope: MetricsScope, limit = 10) {
  const r = factRange(scope);
  return readDb().$queryRaw<
    {
      change: string;
      title: string;
      reviewer: string;
      reviewerName: string;
      secondsSpent: number;
      linesChanged: number;
      reasons: string[];
      at: Date;
    }[]
  >`
    SELECT c.key AS change, c.title, u.handle AS reviewer, u.name AS "reviewerName", rv."secondsSpent",
      (v."linesAdded" + v."linesRemoved") AS "linesChanged", rv."rubberStampReasons" AS reasons,
      rv."createdAt" AS at
    FROM "MetricReview" m
    JOIN "Review" rv ON rv.id = m."reviewId"
    JOIN "ChangeRequest" c ON c.id = m."changeId"
    JOIN "Revision" v ON v."changeId" = rv."changeId" AND v.number = rv.revision
    JOIN "User" u ON u.id = m."reviewerId"
    WHERE m.scope = ${r.key} AND m.flagged AND m."createdAt" >= ${r.from} AND m."createdAt" < ${r.to}
    ORDER BY m."createdAt" DESC
    LIMIT ${limit}`;
}

type PolicyWindowRow = Pick<
  PolicyWindow,
  "startsAt" | "endsAt" | "tiers" | "systemIds" | "minApprovals" | "minLevel" | "requirePrincipal"
>;

/** Each policy window overlapping the range: in-scope approved changes and how many met it. */
export async function windowCompliance(scope: MetricsScope) {
  const windows = await readDb().policyWindow.findMany({
    where: { kind: "POLICY", startsAt: { lt: scope.to }, endsAt: { gt: scope.from } },
    orderBy: { startsAt: "desc" },
    select: {
      id: true,
      name: true,
      startsAt: true,
      endsAt: true,
      tiers: true,
      systemIds: true,
      minApprovals: true,
      minLevel: true,
      requirePrincipal: true,
    },
  });
  const named = [...new Set(windows.flatMap((w) => w.systemIds))];
  const existing = new Set(
    named.length
      ? (
          await readDb().system.findMany({ where: { id: { in: named } }, select: { id: true } })
        ).map((s) => s.id)
      : [],
  );
  const key = factScope(scope);
  return Promise.all(
    windows.map(async (w) => {
      const covered = windowScopes(w, (id) => existing.has(id));
      const counts = covered.length
        ? await complianceCounts(w, key, covered, scope)
        : { inScope: 0, met: 0 };
      return { ...w, ...counts };
    }),
  );
}

async function complianceCounts(
  w: PolicyWindowRow,
  key: string,
  covered: string[],
  scope: MetricsScope,
): Promise<{ inScope: number; met: number }> {
  const lo = new Date(Math.max(scope.from.getTime(), w.startsAt.getTime()));
  const hi = new Date(Math.min(scope.to.getTime(), w.endsAt.getTime()));
  const qualifying = Prisma.raw(`"${qualifyingApprovalsColumn(w.minLevel)}"`);
  const met = Prisma.sql`(${qualifying} >= ${Math.max(1, w.minApprovals ?? 1)}
    AND (NOT ${w.requirePrincipal} OR "approvalsPrincipal" > 0))`;
  const approved = Prisma.sql`"approvedAt" >= ${lo} AND "approvedAt" < ${hi}`;
  // The changes of the dashboard's scope that the window also covers, each once.
  let rows: Prisma.Sql;
  if (covered.includes("all") || covered.includes(key))
    // The window covers every change of the dashboard's scope.
    rows = Prisma.sql`SELECT ${met} AS met FROM "MetricChange" WHERE scope = ${key} AND ${approved}`;
  else if (key === "all")
    rows =
      covered.length === 1
        ? Prisma.sql`SELECT ${met} AS met FROM "MetricChange" WHERE scope = ${covered[0]} AND ${approved}`
        : Prisma.sql`SELECT DISTINCT ON ("changeId") ${met} AS met FROM "MetricChange"
            WHERE scope = ANY(${covered}) AND ${approved}`;
  else
    // Both sides cut to the same approval range (approvedAt is the change's, the same in every
    // scope row), then joined: two index ranges rather than a probe per candidate.
    rows = Prisma.sql`SELECT ${met} AS met FROM "MetricChange" d WHERE d.scope = ${key} AND ${approved}
      AND d."changeId" IN (SELECT w."changeId" FROM "MetricChange" w
        WHERE w.scope = ANY(${covered}) AND w."approvedAt" >= ${lo} AND w."approvedAt" < ${hi})`;
  const [row] = await readDb().$queryRaw<{ inScope: number; met: number }[]>`
    SELECT count(*)::int AS "inScope", (count(*) FILTER (WHERE met))::int AS met FROM (${rows}) x`;
  return row ?? { inScope: 0, met: 0 };
}

/** The change and review headline figures of a period (for the previous period's comparison). */
export async function headlineChangeFigures(scope: MetricsScope) {
  const r = factRange(scope);
  const [row] = await readDb().$queryRaw<
    {
      deployed: number;
      caused: number;
      aiDeployed: number;
      aiCaused: number;
      firstReviewP50: number | null;
      breaches: number;
      approvals: number;
      flagged: number;
    }[]
  >`
    SELECT d.deployed, d.caused, d."aiDeployed", d."aiCaused", s."firstReviewP50", s.breaches,
      v.approvals, v.flagged
    FROM (
      SELECT coalesce(sum(deployed), 0)::int AS deployed, coalesce(sum(caused), 0)::int AS caused,
        coalesce(sum(deployed) FILTER (WHERE ai <> 'NONE'), 0)::int AS "aiDeployed",
        coalesce(sum(caused) FILTER (WHERE ai <> 'NONE'), 0)::int AS "aiCaused"
      FROM (${deployedRows(r)}) dd
    ) d, (
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY "firstReviewHours") AS "firstReviewP50",
        (count(*) FILTER (WHERE "slaBreached"))::int AS breaches
      FROM "MetricChange" WHERE ${submitted(r)}
    ) s, (
      SELECT coalesce(sum(approvals), 0)::int AS approvals, coalesce(sum(flagged), 0)::int AS flagged
      FROM (${reviewRows(r)}) rr
    ) v`;
  return row!;
}
