// A reviewer's queue: changes assigned to them first, then changes they are eligible for (they
// own an affected system and meet its requirement's level), each group by SLA due time. Keyset
// pagination on (bucket, slaDueAt, number): the reviewer's systems first, then one statement per page.
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { readerFor, readSql } from "@/lib/db/reader";
import type { Level } from "@/lib/domain/levels";

/** Whose queue: the person's id and level are all it depends on. */
export interface QueueViewer {
  id: string;
  level: Level;
}
import { z } from "zod";
import { containsPattern } from "@/lib/domain/search/query";
import { AI_EXTENTS } from "@/lib/domain/policy/minimum-level";
import { RISK_FLAGS } from "@/lib/domain/risk/flags";

export const SIZES = { S: [0, 49], M: [50, 399], L: [400, 2_000_000_000] } as const;

export const queueFiltersSchema = z.object({
  /** Words of the title, or a change's key. */
  q: z.string().trim().max(200).optional().catch(undefined),
  show: z.enum(["all", "assigned", "eligible"]).default("all").catch("all"),
  tier: z.coerce.number().int().min(1).max(3).optional().catch(undefined),
  system: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/)
    .optional()
    .catch(undefined),
  team: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/)
    .optional()
    .catch(undefined),
  ai: z.enum(AI_EXTENTS).optional().catch(undefined),
  size: z.enum(["S", "M", "L"]).optional().catch(undefined),
  risk: z.enum(RISK_FLAGS).optional().catch(undefined),
  after: z
    .string()
    .regex(/^[01]\.\d+\.\d+$/)
    .optional()
    .catch(undefined),
});

export type QueueFilters = z.infer<typeof queueFiltersSchema>;

export interface QueueRow {
  id: string;
  key: string;
  number: number;
  title: string;
  status: string;
  aiExtent: string;
  riskFlags: string[];
  emergency: boolean;
  linesAdded: number;
  linesRemoved: number;
  submittedAt: Date | null;
  slaDueAt: Date | null;
  assigned: boolean;
  /** Approvals of the current revision so far: the row then waits for the next one. */
  approvals: number;
  authorName: string;
  authorHandle: string;
  authorLevel: string;
  systems: { slug: string; tier: number }[];
}

function filterSql(f: QueueFilters) {
  const parts: Prisma.Sql[] = [];
  if (f.q)
    parts.push(
      Prisma.sql`AND (c.title ILIKE ${containsPattern(f.q)} OR c.key = ${f.q.toUpperCase()})`,
    );
  if (f.ai) parts.push(Prisma.sql`AND c."aiExtent" = ${f.ai}::"AiExtent"`);
  if (f.risk) parts.push(Prisma.sql`AND ${f.risk}::"RiskFlag" = ANY(c."riskFlags")`);
  if (f.size)
    parts.push(
      Prisma.sql`AND c."linesAdded" + c."linesRemoved" BETWEEN ${SIZES[f.size][0]} AND ${SIZES[f.size][1]}`,
    );
  if (f.tier)
    parts.push(
      Prisma.sql`AND EXISTS (SELECT 1 FROM "ChangeSystem" x JOIN "System" xs ON xs.id = x."systemId" WHERE x."changeId" = c.id AND xs.tier = ${f.tier})`,
    );
  if (f.system)
    parts.push(
      Prisma.sql`AND EXISTS (SELECT 1 FROM "ChangeSystem" x JOIN "System" xs ON xs.id = x."systemId" WHERE x."changeId" = c.id AND xs.slug = ${f.system})`,
    );
  if (f.team)
    parts.push(
      Prisma.sql`AND EXISTS (SELECT 1 FROM "ChangeSystem" x JOIN "System" xs ON xs.id = x."systemId" JOIN "Team" xt ON xt.id = xs."owningTeamId" WHERE x."changeId" = c.id AND xt.slug = ${f.team})`,
    );
  return parts.length ? Prisma.join(parts, " ") : Prisma.empty;
}

/** What a person owns, from the one definition of ownership (the SystemOwnership view). */
export interface Ownership {
  /** Every system they own anything of. */
  systemIds: string[];
  /** Systems they own whole (team, extra approver). */
  wholeSystemIds: string[];
  /** CODEOWNERS lines they own: a requirement is theirs when one of its winning lines is. */
  ruleIds: string[];
}

export async function ownershipOf(userId: string): Promise<Ownership> {
  const rows = await readerFor(db).query<{ systemId: string; ruleId: string | null }>(
    "queue-ownership",
    `SELECT DISTINCT "systemId", "ruleId" FROM "SystemOwnership" WHERE "userId" = $1`,
    [userId],
  );
  return {
    systemIds: [...new Set(rows.map((r) => r.systemId))],
    wholeSystemIds: [...new Set(rows.filter((r) => !r.ruleId).map((r) => r.systemId))],
    ruleIds: rows.flatMap((r) => (r.ruleId ? [r.ruleId] : [])),
  };
}

interface Cursor {
  bucket: number;
  due: Date;
  number: number;
}

/**
 * The two groups as separate statements, each able to stop early: assigned changes read in due
 * order from the reviewer's open assignments (index on reviewer, state, dueAt), and eligible ones
 * from the requirements on the reviewer's systems (bounded by those systems' pending work).
 * Submitted changes always have a due time.
 */
function branches(
  user: QueueViewer,
  owns: Ownership,
  f: QueueFilters,
  page?: { after: Cursor | null; limit: number },
) {
  const filters = filterSql(f);
  const keyset = (bucket: number, due: Prisma.Sql) =>
    page?.after && page.after.bucket === bucket
      ? Prisma.sql`AND (${due}, c.number) > (${page.after.due}::timestamptz, ${page.after.number})`
      : Prisma.empty;
  const limit = (due: Prisma.Sql) =>
    page ? Prisma.sql`ORDER BY ${due}, c.number LIMIT ${page.limit + 1}` : Prisma.empty;
  const aDue = Prisma.sql`a."dueAt"`;
  const cDue = Prisma.sql`c."slaDueAt"`;
  const assigned = Prisma.sql`
    SELECT c.id, 0 AS bucket, c."slaDueAt", c.number
      FROM "Assignment" a JOIN "ChangeRequest" c ON c.id = a."changeId"
     WHERE a."reviewerId" = ${user.id} AND a.state = 'OPEN' AND a."dueAt" IS NOT NULL
       AND c.status IN ('PENDING', 'CHANGES_REQUESTED', 'DEPLOYED') ${filters} ${keyset(0, aDue)}
     ${limit(aDue)}`;
  // The requirements this person owns (their SystemOwnership rows: whole systems, or CODEOWNERS
  // lines that must be among a requirement's winning lines) at a level they meet, by index on the
  // owned systems, less the changes already assigned to them (one hashed set); only then those
  // changes, in due order. Bounded by the pending work on the person's systems, never by every
  // pending change (docs/decisions/0005).
  const eligible = Prisma.sql`
    SELECT c.id, 1 AS bucket, c."slaDueAt", c.number
      FROM (SELECT DISTINCT r."changeId" FROM "Requirement" r
             WHERE r."systemId" = ANY(${owns.systemIds}::text[]) AND r.state <> 'SATISFIED'
               AND r."minLevel" <= ${user.level}::"Level"
               AND (r."systemId" = ANY(${owns.wholeSystemIds}::text[]) OR r."ruleIds" && ${owns.ruleIds}::text[])
               AND r."changeId" NOT IN (SELECT a."changeId" FROM "Assignment" a
                                         WHERE a."reviewerId" = ${user.id} AND a.state = 'OPEN')
            OFFSET 0) e
      JOIN "ChangeRequest" c ON c.id = e."changeId"
     WHERE c.status = 'PENDING' AND c."slaDueAt" IS NOT NULL AND c."authorId" <> ${user.id}
       AND NOT EXISTS (SELECT 1 FROM "ChangeCoAuthor" ca WHERE ca."changeId" = c.id AND ca."userId" = ${user.id})
       AND NOT EXISTS (SELECT 1 FROM "Review" rv WHERE rv."changeId" = c.id AND rv."reviewerId" = ${user.id} AND rv.revision = c."currentRevision")
       ${filters} ${keyset(1, cDue)}
     ${limit(cDue)}`;
  if (f.show === "assigned") return Prisma.sql`(${assigned})`;
  if (f.show === "eligible" || page?.after?.bucket === 1) return Prisma.sql`(${eligible})`;
  return Prisma.sql`(${assigned}) UNION ALL (${eligible})`;
}

function parseCursor(after: string | undefined): Cursor | null {
  if (!after) return null;
  const [bucket, due, number] = after.split(".").map(Number);
  return { bucket: bucket!, due: new Date(due!), number: number! };
}

/** The SQL of one queue page (exported so the benchmark can EXPLAIN it). */
export function queuePageSql(
  user: QueueViewer,
  owns: Ownership,
  f: QueueFilters,
  limit: number,
): Prisma.Sql {
  const union = branches(user, owns, f, { after: parseCursor(f.after), limit });
  return Prisma.sql`
    SELECT c.id, c.key, c.number, c.title, c.status::text AS status, c."aiExtent"::text AS "aiExtent", coalesce(c."riskFlags", '{}')::text[] AS "riskFlags",
           c.emergency, c."linesAdded", c."linesRemoved", c."submittedAt", c."slaDueAt", q.bucket,
           u.name AS "authorName", u.handle AS "authorHandle", u.level::text AS "authorLevel",
           (SELECT count(*)::int FROM "Review" rv WHERE rv."changeId" = c.id
              AND rv.revision = c."currentRevision" AND rv.decision = 'APPROVE') AS approvals,
           (SELECT coalesce(json_agg(json_build_object('slug', s.slug, 'tier', s.tier) ORDER BY s.tier, s.slug), '[]')
              FROM "ChangeSystem" cs JOIN "System" s ON s.id = cs."systemId" WHERE cs."changeId" = c.id) AS systems
      FROM (SELECT * FROM (${union}) q0 ORDER BY bucket, "slaDueAt", number LIMIT ${limit + 1}) q
      JOIN "ChangeRequest" c ON c.id = q.id
      JOIN "User" u ON u.id = c."authorId"
     ORDER BY q.bucket, q."slaDueAt", q.number`;
}

export async function queuePage(user: QueueViewer, f: QueueFilters, limit = 25, known?: Ownership) {
  const owns = known ?? (await ownershipOf(user.id));
  const rows = await readSql<
    Omit<QueueRow, "assigned" | "systems"> & {
      bucket: number;
      systems: { slug: string; tier: number }[];
    }
  >(queuePageSql(user, owns, f, limit));
  const more = rows.length > limit;
  const page = rows.slice(0, limit).map(({ bucket, ...r }) => ({ ...r, assigned: bucket === 0 }));
  const last = rows[limit - 1];
  return {
    rows: page as QueueRow[],
    nextCursor:
      more && last?.slaDueAt ? `${last.bucket}.${last.slaDueAt.getTime()}.${last.number}` : null,
  };
}

/** Counts for the filter bar: assigned and eligible, and by tier, with the other filters applied. */
export async function queueCounts(user: QueueViewer, f: QueueFilters) {
  const owns = await ownershipOf(user.id);
  const union = branches(user, owns, { ...f, show: "all", tier: undefined });
  // By tier: each change under the highest tier (lowest number) it touches.
  const rows = await readSql<{ bucket: number; tier: number | null; n: bigint }>(Prisma.sql`
    SELECT q.bucket, t.tier, count(*) AS n
      FROM (${union}) q LEFT JOIN LATERAL (
        SELECT min(s.tier) AS tier FROM "ChangeSystem" cs JOIN "System" s ON s.id = cs."systemId" WHERE cs."changeId" = q.id
      ) t ON true
     GROUP BY q.bucket, t.tier`);
  const count = (pred: (r: (typeof rows)[number]) => boolean) =>
    rows.filter(pred).reduce((n, r) => n + Number(r.n), 0);
  return {
    assigned: count((r) => r.bucket === 0),
    eligible: count((r) => r.bucket === 1),
    byTier: {
      1: count((r) => r.tier === 1),
      2: count((r) => r.tier === 2),
      3: count((r) => r.tier === 3),
    } as Record<1 | 2 | 3, number>,
  };
}

/**
 * The queue's team filter: the teams owning a system this person owns (their queue holds nothing
 * else), and the team the filter names if it is another. Not every team of a large organisation:
 * 2,000 options in every queue page cost more to render than the queue (docs/decisions/0016-scale.md).
 */
export async function queueTeamOptions(
  owns: Ownership,
  selected?: string,
): Promise<{ slug: string; name: string }[]> {
  return readerFor(db).query<{ slug: string; name: string }>(
    "queue-team-options",
    `SELECT t.slug, t.name FROM "Team" t
      WHERE t.id IN (SELECT s."owningTeamId" FROM "System" s WHERE s.id = ANY($1::text[]))
         OR t.slug = $2
      ORDER BY t.name, t.slug`,
    [owns.systemIds, selected ?? null],
  );
}
