// The dashboard's incident figures and its live queue state, as SQL aggregates over the base
// tables (thousands of rows at most); the change and review figures are in fact-queries.ts.
// Nothing here loads rows to count them in JavaScript. Each function answers one definition of
// lib/domain/metrics/definitions for a scope.
import { Prisma } from "@/lib/generated/prisma/client";
import { readDb } from "@/lib/db/replica";
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

/** An incident (alias `i`) affected a system in scope. */
function incidentInScope(scope: MetricsScope, alias = "i"): Prisma.Sql {
  if (!scoped(scope)) return Prisma.sql`TRUE`;
  return Prisma.sql`EXISTS (SELECT 1 FROM "IncidentSystem" sis JOIN "System" ss ON ss.id = sis."systemId"
    WHERE sis."incidentId" = ${Prisma.raw(alias)}.id AND ${systemConditions(scope, "ss")})`;
}

export async function incidentsPerWeek(scope: MetricsScope) {
  return readDb().$queryRaw<{ week: Date; severity: string; incidents: number }[]>`
    SELECT date_trunc('week', i."startedAt") AS week, i.severity::text AS severity, count(*)::int AS incidents
    FROM "Incident" i
    WHERE i."startedAt" >= ${scope.from} AND i."startedAt" < ${scope.to} AND ${incidentInScope(scope)}
    GROUP BY 1, 2 ORDER BY 1, 2`;
}

/** Time to restore and customer impact, overall (severity null) and per severity. */
export async function incidentTotals(scope: MetricsScope) {
  return readDb().$queryRaw<
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
  return readDb().$queryRaw<{ bucket: string; incidents: number }[]>`
    SELECT (CASE ${Prisma.join(arms, " ")} ELSE ${RESTORE_BUCKETS[RESTORE_BUCKETS.length - 1]!.name} END) AS bucket,
      count(*)::int AS incidents
    FROM "Incident" i
    WHERE i."startedAt" >= ${scope.from} AND i."startedAt" < ${scope.to} AND i."resolvedAt" IS NOT NULL
      AND ${incidentInScope(scope)}
    GROUP BY 1`;
}

/** Right now: changes waiting per owning team, overdue ones, and open assignments per senior. */
export async function queueDepth(scope: MetricsScope, limit = 15) {
  return readDb().$queryRaw<
    {
      team: string;
      name: string;
      waiting: number;
      overdue: number;
      seniors: number;
      openAssignments: number;
    }[]
  >`
    WITH c AS MATERIALIZED (
      -- The waiting changes first (the queue: thousands at most, from the status index), then their
      -- systems; filtering systems first would walk every change ever made to them.
      SELECT id, "slaDueAt", "firstReviewAt" FROM "ChangeRequest" WHERE status IN ('PENDING', 'CHANGES_REQUESTED')
    ), waiting AS (
      SELECT s."owningTeamId" AS "teamId", count(DISTINCT c.id)::int AS waiting,
        -- The SLA is on the first review: a change reviewed in time and now waiting on its author
        -- is not overdue.
        count(DISTINCT c.id) FILTER (WHERE c."slaDueAt" < now() AND c."firstReviewAt" IS NULL)::int AS overdue
      -- LATERAL, fenced by OFFSET 0: one index probe per waiting change. A plain join let PostgreSQL's planner, with
      -- the app's work_mem, hash all of ChangeSystem instead (330 ms at a million changes;
      -- docs/decisions/0016-scale.md).
      FROM c
      CROSS JOIN LATERAL (SELECT x."systemId" FROM "ChangeSystem" x WHERE x."changeId" = c.id OFFSET 0) cs
      JOIN "System" s ON s.id = cs."systemId"
      WHERE ${systemConditions(scope)}
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

/** Right now: requirements no eligible reviewer can satisfy, on changes still waiting. */
export async function unroutable(scope: MetricsScope, limit = 10) {
  return readDb().$queryRaw<{ slug: string | null; name: string | null; requirements: number }[]>`
    SELECT s.slug, s.name, count(*)::int AS requirements
    FROM "Requirement" q
    JOIN "ChangeRequest" c ON c.id = q."changeId"
    JOIN "System" s ON s.id = q."systemId"
    WHERE q.state = 'UNROUTABLE' AND c.status IN ('PENDING', 'CHANGES_REQUESTED') AND ${systemConditions(scope)}
    GROUP BY GROUPING SETS ((), (s.id, s.slug, s.name))
    ORDER BY (s.slug IS NOT NULL), count(*) DESC, s.slug
    LIMIT ${limit + 1}`;
}

/** The incident headline figures of a period (for the previous period's comparison). */
export async function headlineIncidentFigures(scope: MetricsScope) {
  const [row] = await readDb().$queryRaw<{ incidents: number; ttrP50: number | null }[]>`
    SELECT count(*)::int AS incidents,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY ${HOURS('i."resolvedAt"', 'i."startedAt"')}) AS "ttrP50"
    FROM "Incident" i
    WHERE i."startedAt" >= ${scope.from} AND i."startedAt" < ${scope.to} AND ${incidentInScope(scope)}`;
  return row!;
}
