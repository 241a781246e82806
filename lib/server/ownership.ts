// Who owns a system, and through what: owning-team members, extra approvers (people and teams),
// and CODEOWNERS owners of the rules that map paths to it — with each person's current review
// load. One SQL round trip: the routing engine (on its hot path) and the system page both use it,
// so both explain ownership the same way.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db, Tx } from "@/lib/db";
import { readerFor } from "@/lib/db/reader";
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

// $1: the systems; $2: the winning rules, or NULL for every rule of the systems; $3: the people to
// report on, or NULL for every owner. Ownership itself is the SystemOwnership view (migration
// sign_off_integrity; docs/decisions/0005), which the queue reads too.
const OWNERS_SQL = `
    WITH via AS (
      SELECT o."systemId", o."userId", o.kind, o.detail FROM "SystemOwnership" o
       WHERE o."systemId" = ANY($1::text[])
         AND (o."ruleId" IS NULL OR $2::text[] IS NULL OR o."ruleId" = ANY($2::text[]))
         AND ($3::text[] IS NULL OR o."userId" = ANY($3::text[]))
    ), people AS MATERIALIZED (
      -- Each person once, however many ways they own: their row and their review load, by index
      -- lookups (OFFSET 0 keeps the planner from hash-joining every person instead).
      SELECT u.id, u.name, u.handle, u.level, u.active, u."outOfOfficeUntil",
             l.open AS "openReviews", coalesce(l.load, 0)::float8 AS "openLoad",
             (SELECT max(a."assignedAt") FROM "Assignment" a WHERE a."reviewerId" = p."userId") AS "lastAssignedAt"
        FROM (SELECT DISTINCT "userId" FROM via) p
        CROSS JOIN LATERAL (SELECT * FROM "User" WHERE id = p."userId" OFFSET 0) u
        CROSS JOIN LATERAL (
          SELECT count(*) AS open, sum(a.weight) AS load
            FROM "Assignment" a WHERE a."reviewerId" = p."userId" AND a.state = 'OPEN'
        ) l
    )
    SELECT v."systemId", v.kind, v.detail, people.*
      FROM via v JOIN people ON people.id = v."userId"`;

/**
 * Owners of each system. `ruleIds`: for routing, only the CODEOWNERS lines that won for the
 * change's paths make their owners owners; without it (the system page) every line of the system
 * does. A team owning a rule of its own system adds nothing beyond team membership.
 */
export async function loadSystemOwners(
  db: Db | Tx,
  systemIds: string[],
  ruleIds?: string[],
  /** Only these people (whether and how they own each system); every owner when omitted. */
  userIds?: string[],
): Promise<Map<string, OwnerCandidate[]>> {
  const result = new Map<string, OwnerCandidate[]>(systemIds.map((id) => [id, []]));
  if (systemIds.length === 0 || userIds?.length === 0) return result;
  const rows = await readerFor(db).query<Row>("system-owners", OWNERS_SQL, [
    systemIds,
    ruleIds ?? null,
    userIds ?? null,
  ]);
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
