// Who owns a system, and through what: owning-team members, extra approvers (people and teams),
// and CODEOWNERS owners of the rules that map paths to it — with each person's current review
// load. One SQL round trip: the routing engine (on its hot path) and the system page both use it,
// so both explain ownership the same way.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db, Tx } from "@/lib/db";
import type { Level } from "@/lib/domain/levels";
import type { CandidatePerson, OwnershipVia } from "@/lib/domain/routing/eligibility";

export const personSelect = {
  id: true,
  name: true,
  handle: true,
  level: true,
  active: true,
  outOfOfficeUntil: true,
} satisfies Prisma.UserSelect;

export interface OwnerCandidate {
  person: CandidatePerson;
  via: OwnershipVia[];
}

interface Row {
  systemId: string;
  kind: OwnershipVia["kind"];
  detail: string | null;
  id: string;
  name: string;
  handle: string;
  level: Level;
  active: boolean;
  outOfOfficeUntil: Date | null;
  openReviews: bigint;
  openLoad: number;
  lastAssignedAt: Date | null;
}

function toVia(kind: OwnershipVia["kind"], detail: string | null): OwnershipVia {
  switch (kind) {
    case "team":
      return { kind, team: detail ?? "" };
    case "extra-team":
      return { kind, team: detail ?? "" };
    case "codeowner":
      return { kind, pattern: detail ?? "" };
    case "extra-user":
      return { kind };
  }
}

/**
 * Owners of each system. `ruleIds`: for routing, only the CODEOWNERS lines that won for the
 * change's paths make their owners owners; without it (the system page) every line of the system
 * does. A team owning a rule of its own system adds nothing beyond team membership.
 */
export async function loadSystemOwners(
  db: Db | Tx,
  systemIds: string[],
  ruleIds?: string[],
): Promise<Map<string, OwnerCandidate[]>> {
  const result = new Map<string, OwnerCandidate[]>(systemIds.map((id) => [id, []]));
  if (systemIds.length === 0) return result;
  const rows = await db.$queryRaw<Row[]>`
    WITH rules AS (
      SELECT r.id, r."systemId", r.pattern FROM "OwnershipRule" r
       WHERE r."systemId" = ANY(${systemIds}) AND (${ruleIds ?? null}::text[] IS NULL OR r.id = ANY(${ruleIds ?? []}))
    ), via AS (
      SELECT s.id AS "systemId", m."userId", 'team' AS kind, t.slug AS detail
        FROM "System" s JOIN "Team" t ON t.id = s."owningTeamId" JOIN "TeamMember" m ON m."teamId" = t.id
       WHERE s.id = ANY(${systemIds})
      UNION ALL
      SELECT a."systemId", a."userId", 'extra-user', NULL FROM "SystemApprover" a
       WHERE a."systemId" = ANY(${systemIds}) AND a."userId" IS NOT NULL
      UNION ALL
      SELECT a."systemId", m."userId", 'extra-team', t.slug
        FROM "SystemApprover" a JOIN "Team" t ON t.id = a."teamId" JOIN "TeamMember" m ON m."teamId" = t.id
       WHERE a."systemId" = ANY(${systemIds})
      UNION ALL
      SELECT r."systemId", o."userId", 'codeowner', r.pattern FROM rules r JOIN "RuleOwner" o ON o."ruleId" = r.id
       WHERE o."userId" IS NOT NULL
      UNION ALL
      SELECT r."systemId", m."userId", 'codeowner', r.pattern
        FROM rules r JOIN "RuleOwner" o ON o."ruleId" = r.id JOIN "TeamMember" m ON m."teamId" = o."teamId"
        JOIN "System" s ON s.id = r."systemId"
       WHERE o."teamId" IS NOT NULL AND o."teamId" <> s."owningTeamId"
    )
    SELECT v."systemId", v.kind, v.detail, u.id, u.name, u.handle, u.level, u.active, u."outOfOfficeUntil",
           l.open AS "openReviews", coalesce(l.load, 0)::float8 AS "openLoad", l.last AS "lastAssignedAt"
      FROM via v
      -- LATERAL: an index lookup per owner, never a scan of all people or all assignments.
      -- (OFFSET 0 keeps the planner from turning the lookup into a hash join over every person.)
      CROSS JOIN LATERAL (SELECT * FROM "User" WHERE id = v."userId" OFFSET 0) u
      CROSS JOIN LATERAL (
        SELECT count(*) FILTER (WHERE a.state = 'OPEN') AS open,
               sum(a.weight) FILTER (WHERE a.state = 'OPEN') AS load,
               max(a."assignedAt") AS last
          FROM "Assignment" a WHERE a."reviewerId" = v."userId"
      ) l`;
  const bySystem = new Map<string, Map<string, OwnerCandidate>>();
  for (const row of rows) {
    const people = bySystem.get(row.systemId) ?? new Map<string, OwnerCandidate>();
    bySystem.set(row.systemId, people);
    const entry = people.get(row.id) ?? {
      person: {
        id: row.id,
        name: row.name,
        handle: row.handle,
        level: row.level,
        active: row.active,
        outOfOfficeUntil: row.outOfOfficeUntil,
        openReviews: Number(row.openReviews),
        openLoad: Number(row.openLoad),
        lastAssignedAt: row.lastAssignedAt,
      },
      via: [],
    };
    const via = toVia(row.kind, row.detail);
    if (!entry.via.some((v) => JSON.stringify(v) === JSON.stringify(via))) entry.via.push(via);
    people.set(row.id, entry);
  }
  for (const [systemId, people] of bySystem) result.set(systemId, [...people.values()]);
  return result;
}
