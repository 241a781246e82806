// The dashboard's figures as SQL aggregates: nothing here loads rows to count them in JavaScript.
// Each function answers one definition of lib/domain/metrics/definitions for a scope.
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { sizeBucketSql } from "@/lib/domain/metrics/size";
import type { MetricsScope } from "./filters";

const HOURS = (later: string, earlier: string) =>
  Prisma.raw(`extract(epoch FROM (${later} - ${earlier})) / 3600.0`);

/** Conditions on a system row `s` for the scope's team, system and tier (TRUE when none). */
function systemConditions(scope: MetricsScope, alias = "s"): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (scope.system) parts.push(Prisma.sql`${Prisma.raw(alias)}.id = ${scope.system.id}`);
  if (scope.team) parts.push(Prisma.sql`${Prisma.raw(alias)}."owningTeamId" = ${scope.team.id}`);
  if (scope.tier) parts.push(Prisma.sql`${Prisma.raw(alias)}.tier = ${scope.tier}`);
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}
const scoped = (scope: MetricsScope) => Boolean(scope.system || scope.team || scope.tier);

/** A change (its id is the column `idColumn`) touches a system in scope. */
export function changeInScope(scope: MetricsScope, idColumn = "c.id"): Prisma.Sql {
  if (!scoped(scope)) return Prisma.sql`TRUE`;
  return Prisma.sql`EXISTS (SELECT 1 FROM "ChangeSystem" scs JOIN "System" ss ON ss.id = scs."systemId"
    WHERE scs."changeId" = ${Prisma.raw(idColumn)} AND ${systemConditions(scope, "ss")})`;
}

/** An incident (alias `i`) affected a system in scope. */
function incidentInScope(scope: MetricsScope, alias = "i"): Prisma.Sql {
  if (!scoped(scope)) return Prisma.sql`TRUE`;
  return Prisma.sql`EXISTS (SELECT 1 FROM "IncidentSystem" sis JOIN "System" ss ON ss.id = sis."systemId"
    WHERE sis."incidentId" = ${Prisma.raw(alias)}.id AND ${systemConditions(scope, "ss")})`;
}

export async function incidentsPerWeek(scope: MetricsScope) {
  return db.$queryRaw<{ week: Date; severity: string; incidents: number }[]>`
    SELECT date_trunc('week', i."startedAt") AS week, i.severity::text AS severity, count(*)::int AS incidents
    FROM "Incident" i
    WHERE i."startedAt" >= ${scope.from} AND i."startedAt" < ${scope.to} AND ${incidentInScope(scope)}
    GROUP BY 1, 2 ORDER BY 1, 2`;
}

/** Time to restore and customer impact, overall (severity null) and per severity. */
export async function incidentTotals(scope: MetricsScope) {
  return db.$queryRaw<
    {
      severity: string | null;
      incidents: number;
      resolved: number;
      p50: number | null;
      p90: number | null;
      errors: number;
      lostOrders: number;
      customersAffected: number;
    }[]
  >`
    SELECT i.severity::text AS severity, count(*)::int AS incidents, count(i."resolvedAt")::int AS resolved,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY ${HOURS('i."resolvedAt"', 'i."startedAt"')}) AS p50,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY ${HOURS('i."resolvedAt"', 'i."startedAt"')}) AS p90,
      coalesce(sum(i.errors), 0)::float8 AS errors,
      coalesce(sum(i."lostOrders"), 0)::float8 AS "lostOrders",
      coalesce(sum(i."customersAffected"), 0)::float8 AS "customersAffected"
    FROM "Incident" i
    WHERE i."startedAt" >= ${scope.from} AND i."startedAt" < ${scope.to} AND ${incidentInScope(scope)}
    GROUP BY GROUPING SETS ((), (i.severity))
    ORDER BY 1 NULLS FIRST`;
}

export const RESTORE_BUCKETS = [
  { name: "< 1 h", max: 1 },
  { name: "1–4 h", max: 4 },
  { name: "4–12 h", max: 12 },
  { name: "12–24 h", max: 24 },
  { name: "> 24 h", max: Infinity },
] as const;

export async function restoreDistribution(scope: MetricsScope) {
  const hours = HOURS('i."resolvedAt"', 'i."startedAt"');
  const arms = RESTORE_BUCKETS.filter((b) => Number.isFinite(b.max)).map(
    (b) => Prisma.sql`WHEN ${hours} < ${b.max} THEN ${b.name}`,
  );
  return db.$queryRaw<{ bucket: string; incidents: number }[]>`
    SELECT (CASE ${Prisma.join(arms, " ")} ELSE ${RESTORE_BUCKETS[RESTORE_BUCKETS.length - 1]!.name} END) AS bucket,
      count(*)::int AS incidents
    FROM "Incident" i
    WHERE i."startedAt" >= ${scope.from} AND i."startedAt" < ${scope.to} AND i."resolvedAt" IS NOT NULL
      AND ${incidentInScope(scope)}
    GROUP BY 1`;
}

const deployedInScope = (scope: MetricsScope) => Prisma.sql`
  SELECT c.id, c."aiExtent"::text AS ai, c."authorLevel"::text AS level,
    ${Prisma.raw(sizeBucketSql('(c."linesAdded" + c."linesRemoved")'))} AS size,
    date_trunc('week', c."deployedAt") AS week, c."causedIncident" AS caused
  FROM "ChangeRequest" c
  WHERE c."deployedAt" >= ${scope.from} AND c."deployedAt" < ${scope.to} AND ${changeInScope(scope)}`;

/**
 * Change failure rate in one pass over the deployed changes: overall (all keys null), by AI
 * extent, by author level, by size bucket, and per week for AI-assisted vs not.
 */
export async function changeFailureSplits(scope: MetricsScope) {
  return db.$queryRaw<
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
    WITH d AS (${deployedInScope(scope)})
    SELECT ai, level, size, week, (ai <> 'NONE') AS "aiAssisted",
      GROUPING(ai, level, size, week, (ai <> 'NONE'))::int AS grouping,
      count(*)::int AS deployed, count(*) FILTER (WHERE caused)::int AS caused
    FROM d
    GROUP BY GROUPING SETS ((), (ai), (level), (size), (week, (ai <> 'NONE')))`;
}

/** Change failure rate per approver (approvals of the deployed revision), busiest first. */
export async function changeFailureByApprover(scope: MetricsScope, limit = 20) {
  return db.$queryRaw<
    { handle: string; name: string; level: string; deployed: number; caused: number }[]
  >`
    WITH d AS (${deployedInScope(scope)})
    SELECT u.handle, u.name, u.level::text AS level, count(*)::int AS deployed,
      count(*) FILTER (WHERE d.caused)::int AS caused
    FROM d
    JOIN "ChangeRequest" dc ON dc.id = d.id
    JOIN "Review" r ON r."changeId" = d.id AND r.revision = dc."currentRevision" AND r.decision = 'APPROVE'
    JOIN "User" u ON u.id = r."reviewerId"
    GROUP BY u.id
    ORDER BY count(*) FILTER (WHERE d.caused) DESC, count(*) DESC, u.handle
    LIMIT ${limit}`;
}

/** Review timings and SLA breaches of changes submitted in the range: overall and per week. */
export async function reviewTimes(scope: MetricsScope) {
  const first = HOURS('c."firstReviewAt"', 'c."submittedAt"');
  const approval = HOURS('c."approvedAt"', 'c."submittedAt"');
  return db.$queryRaw<
    {
      week: Date | null;
      submitted: number;
      firstP50: number | null;
      firstP90: number | null;
      approvalP50: number | null;
      approvalP90: number | null;
      breaches: number;
    }[]
  >`
    SELECT date_trunc('week', c."submittedAt") AS week, count(*)::int AS submitted,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY ${first}) AS "firstP50",
      percentile_cont(0.9) WITHIN GROUP (ORDER BY ${first}) AS "firstP90",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY ${approval}) AS "approvalP50",
      percentile_cont(0.9) WITHIN GROUP (ORDER BY ${approval}) AS "approvalP90",
      count(c."slaBreachedAt")::int AS breaches
    FROM "ChangeRequest" c
    WHERE c."submittedAt" >= ${scope.from} AND c."submittedAt" < ${scope.to} AND ${changeInScope(scope)}
    GROUP BY GROUPING SETS ((), (date_trunc('week', c."submittedAt")))
    ORDER BY 1 NULLS FIRST`;
}

/** Right now: changes waiting per owning team, overdue ones, and open assignments per senior. */
export async function queueDepth(scope: MetricsScope, limit = 15) {
  return db.$queryRaw<
    {
      team: string;
      name: string;
      waiting: number;
      overdue: number;
      seniors: number;
      openAssignments: number;
    }[]
  >`
    WITH waiting AS (
      SELECT s."owningTeamId" AS "teamId", count(DISTINCT c.id)::int AS waiting,
        count(DISTINCT c.id) FILTER (WHERE c."slaDueAt" < now())::int AS overdue
      FROM "ChangeRequest" c
      JOIN "ChangeSystem" cs ON cs."changeId" = c.id
      JOIN "System" s ON s.id = cs."systemId"
      WHERE c.status IN ('PENDING', 'CHANGES_REQUESTED') AND ${systemConditions(scope)}
      GROUP BY 1
    )
    SELECT t.slug AS team, t.name, w.waiting, w.overdue,
      (SELECT count(*)::int FROM "TeamMember" tm JOIN "User" u ON u.id = tm."userId"
        WHERE tm."teamId" = t.id AND u.level IN ('SENIOR', 'PRINCIPAL') AND u.active) AS seniors,
      (SELECT count(*)::int FROM "TeamMember" tm JOIN "Assignment" a ON a."reviewerId" = tm."userId"
        WHERE tm."teamId" = t.id AND a.state = 'OPEN') AS "openAssignments"
    FROM waiting w JOIN "Team" t ON t.id = w."teamId"
    ORDER BY w.waiting DESC, t.slug
    LIMIT ${limit}`;
}

/** SENIOR+ reviewers by reviews given in the range, with their open assignments now. */
export async function reviewLoad(scope: MetricsScope, limit = 15) {
  return db.$queryRaw<
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
    WITH r AS (
      SELECT r."reviewerId", count(*)::int AS reviews,
        sum(c."linesAdded" + c."linesRemoved")::float8 AS "linesReviewed",
        percentile_cont(0.5) WITHIN GROUP (ORDER BY r."secondsSpent") AS "medianSeconds"
      FROM "Review" r JOIN "ChangeRequest" c ON c.id = r."changeId"
      WHERE r."createdAt" >= ${scope.from} AND r."createdAt" < ${scope.to} AND ${changeInScope(scope)}
      GROUP BY 1
    )
    SELECT u.handle, u.name, u.level::text AS level,
      (SELECT t.name FROM "TeamMember" tm JOIN "Team" t ON t.id = tm."teamId"
        WHERE tm."userId" = u.id ORDER BY t.name LIMIT 1) AS team,
      r.reviews, r."linesReviewed", r."medianSeconds",
      (SELECT count(*)::int FROM "Assignment" a WHERE a."reviewerId" = u.id AND a.state = 'OPEN') AS "openAssignments"
    FROM r JOIN "User" u ON u.id = r."reviewerId"
    WHERE u.level IN ('SENIOR', 'PRINCIPAL')
    ORDER BY r.reviews DESC, u.handle
    LIMIT ${limit}`;
}

/** Right now: requirements no eligible reviewer can satisfy, on changes still waiting. */
export async function unroutable(scope: MetricsScope, limit = 10) {
  return db.$queryRaw<{ slug: string | null; name: string | null; requirements: number }[]>`
    SELECT s.slug, s.name, count(*)::int AS requirements
    FROM "Requirement" q
    JOIN "ChangeRequest" c ON c.id = q."changeId"
    JOIN "System" s ON s.id = q."systemId"
    WHERE q.state = 'UNROUTABLE' AND c.status IN ('PENDING', 'CHANGES_REQUESTED') AND ${systemConditions(scope)}
    GROUP BY GROUPING SETS ((), (s.id, s.slug, s.name))
    ORDER BY (s.slug IS NOT NULL), count(*) DESC, s.slug
    LIMIT ${limit + 1}`;
}

export async function rubberStampTotals(scope: MetricsScope) {
  const [row] = await db.$queryRaw<{ approvals: number; flagged: number }[]>`
    SELECT count(*)::int AS approvals, count(*) FILTER (WHERE r."possibleRubberStamp")::int AS flagged
    FROM "Review" r
    WHERE r.decision = 'APPROVE' AND r."createdAt" >= ${scope.from} AND r."createdAt" < ${scope.to}
      AND ${changeInScope(scope, 'r."changeId"')}`;
  return row ?? { approvals: 0, flagged: 0 };
}

export async function recentRubberStamps(scope: MetricsScope, limit = 10) {
  return db.$queryRaw<
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
    SELECT c.key AS change, c.title, u.handle AS reviewer, u.name AS "reviewerName", r."secondsSpent",
      (c."linesAdded" + c."linesRemoved") AS "linesChanged", r."rubberStampReasons" AS reasons, r."createdAt" AS at
    FROM "Review" r JOIN "ChangeRequest" c ON c.id = r."changeId" JOIN "User" u ON u.id = r."reviewerId"
    WHERE r."possibleRubberStamp" AND r."createdAt" >= ${scope.from} AND r."createdAt" < ${scope.to}
      AND ${changeInScope(scope)}
    ORDER BY r."createdAt" DESC
    LIMIT ${limit}`;
}

/** Each policy window overlapping the range: in-scope approved changes and how many met it. */
export async function windowCompliance(scope: MetricsScope) {
  return db.$queryRaw<
    {
      id: string;
      name: string;
      startsAt: Date;
      endsAt: Date;
      tiers: number[];
      minApprovals: number | null;
      minLevel: string | null;
      requirePrincipal: boolean;
      inScope: number;
      met: number;
    }[]
  >`
    SELECT w.id, w.name, w."startsAt", w."endsAt", w.tiers, w."minApprovals", w."minLevel"::text AS "minLevel",
      w."requirePrincipal", x."inScope", x.met
    FROM "PolicyWindow" w
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS "inScope",
        count(*) FILTER (WHERE a.qualifying >= greatest(1, coalesce(w."minApprovals", 1))
          AND (NOT w."requirePrincipal" OR a.principals > 0))::int AS met
      FROM (
        SELECT c.id,
          count(u.id) FILTER (WHERE u.level >= coalesce(w."minLevel", 'JUNIOR'::"Level")) AS qualifying,
          count(u.id) FILTER (WHERE u.level = 'PRINCIPAL') AS principals
        FROM "ChangeRequest" c
        LEFT JOIN "Review" r ON r."changeId" = c.id AND r.revision = c."currentRevision" AND r.decision = 'APPROVE'
        LEFT JOIN "User" u ON u.id = r."reviewerId"
        WHERE c."approvedAt" >= greatest(${scope.from}::timestamp, w."startsAt")
          AND c."approvedAt" < least(${scope.to}::timestamp, w."endsAt")
          AND EXISTS (SELECT 1 FROM "ChangeSystem" wcs JOIN "System" ws ON ws.id = wcs."systemId"
            WHERE wcs."changeId" = c.id
              AND (cardinality(w.tiers) = 0 OR ws.tier = ANY(w.tiers))
              AND (cardinality(w."systemIds") = 0 OR ws.id = ANY(w."systemIds")))
          AND ${changeInScope(scope)}
        GROUP BY c.id
      ) a
    ) x
    WHERE w.kind = 'POLICY' AND w."startsAt" < ${scope.to} AND w."endsAt" > ${scope.from}
    ORDER BY w."startsAt" DESC`;
}

/** The headline figures of a period (used for the previous period's comparison). */
export async function headlineFigures(scope: MetricsScope) {
  const [row] = await db.$queryRaw<
    {
      incidents: number;
      ttrP50: number | null;
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
    SELECT i.incidents, i."ttrP50", d.deployed, d.caused, d."aiDeployed", d."aiCaused",
      s."firstReviewP50", s.breaches, r.approvals, r.flagged
    FROM (
      SELECT count(*)::int AS incidents,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY ${HOURS('i."resolvedAt"', 'i."startedAt"')}) AS "ttrP50"
      FROM "Incident" i
      WHERE i."startedAt" >= ${scope.from} AND i."startedAt" < ${scope.to} AND ${incidentInScope(scope)}
    ) i, (
      SELECT count(*)::int AS deployed, count(*) FILTER (WHERE caused)::int AS caused,
        count(*) FILTER (WHERE ai <> 'NONE')::int AS "aiDeployed",
        count(*) FILTER (WHERE ai <> 'NONE' AND caused)::int AS "aiCaused"
      FROM (${deployedInScope(scope)}) dd
    ) d, (
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ${HOURS('c."firstReviewAt"', 'c."submittedAt"')}) AS "firstReviewP50",
        count(c."slaBreachedAt")::int AS breaches
      FROM "ChangeRequest" c
      WHERE c."submittedAt" >= ${scope.from} AND c."submittedAt" < ${scope.to} AND ${changeInScope(scope)}
    ) s, (
      SELECT count(*)::int AS approvals, count(*) FILTER (WHERE r."possibleRubberStamp")::int AS flagged
      FROM "Review" r
      WHERE r.decision = 'APPROVE' AND r."createdAt" >= ${scope.from} AND r."createdAt" < ${scope.to}
        AND ${changeInScope(scope, 'r."changeId"')}
    ) r`;
  return row!;
}
