// Reading incidents: the filtered list (newest first, keyset pages), one incident with its
// systems, links and timeline, the suspect changes proposed for it, and a change's incidents.
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db";
import { INCIDENT_STATUSES, rankSuspects, SEVERITIES } from "@/lib/domain/incidents/incident";
import { AppError, notFound } from "@/lib/errors";
import { dateTime, parseInput } from "@/lib/validation";
import { INCIDENT_KEY } from "./input";

const person = { select: { id: true, name: true, handle: true, level: true } } as const;

export const incidentFiltersSchema = z.object({
  q: z.string().trim().max(100, "must be at most 100 characters").optional(),
  severity: z.enum(SEVERITIES, { message: "must be SEV1, SEV2, SEV3 or SEV4" }).optional(),
  status: z.enum(INCIDENT_STATUSES).optional(),
  system: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]{1,64}$/, "must be a system slug")
    .optional(),
  team: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]{1,64}$/, "must be a team slug")
    .optional(),
  from: dateTime.optional(),
  to: dateTime.optional(),
  cursor: z
    .string()
    .regex(/^\d{13}:[a-z0-9]{1,40}$/i, "is not a cursor from this list")
    .optional(),
});
export type IncidentFilters = z.output<typeof incidentFiltersSchema>;

export function parseIncidentFilters(params: Record<string, string | undefined>) {
  const cleaned = Object.fromEntries(
    Object.entries(params).filter(([, v]) => v !== undefined && v !== ""),
  );
  return parseInput(incidentFiltersSchema, cleaned);
}

export async function listIncidents(filters: IncidentFilters, limit = 25) {
  const [cursorTime, cursorId] = filters.cursor?.split(":") ?? [];
  const systemWhere: Prisma.SystemWhereInput | null =
    filters.system || filters.team
      ? {
          ...(filters.system ? { slug: filters.system } : {}),
          ...(filters.team ? { owningTeam: { slug: filters.team } } : {}),
        }
      : null;
  const where: Prisma.IncidentWhereInput = {
    ...(filters.q
      ? {
          AND: [
            {
              OR: [
                { title: { contains: filters.q, mode: "insensitive" as const } },
                { key: filters.q.toUpperCase() },
                { systems: { some: { system: { slug: filters.q.toLowerCase() } } } },
              ],
            },
          ],
        }
      : {}),
    ...(filters.severity ? { severity: filters.severity } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(systemWhere ? { systems: { some: { system: systemWhere } } } : {}),
    startedAt: {
      ...(filters.from ? { gte: filters.from } : {}),
      ...(filters.to ? { lt: filters.to } : {}),
    },
    ...(cursorTime
      ? {
          OR: [
            { startedAt: { lt: new Date(Number(cursorTime)) } },
            { startedAt: new Date(Number(cursorTime)), id: { lt: cursorId } },
          ],
        }
      : {}),
  };
  const rows = await db.incident.findMany({
    where,
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    include: {
      systems: { select: { system: { select: { slug: true, name: true, tier: true } } } },
      _count: { select: { changes: { where: { kind: "CAUSE" } } } },
    },
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    incidents: page,
    nextCursor: rows.length > limit && last ? `${last.startedAt.getTime()}:${last.id}` : null,
  };
}

export async function getIncident(key: string) {
  if (!INCIDENT_KEY.test(key)) throw notFound("No such incident.");
  const incident = await db.incident.findUnique({
    where: { key },
    include: {
      reportedBy: person,
      systems: {
        select: {
          system: {
            select: {
              id: true,
              slug: true,
              name: true,
              tier: true,
              owningTeam: { select: { slug: true, name: true } },
            },
          },
        },
      },
      changes: {
        orderBy: [{ kind: "asc" }, { linkedAt: "asc" }],
        include: {
          linkedBy: person,
          change: {
            select: {
              key: true,
              title: true,
              aiExtent: true,
              deployedAt: true,
              status: true,
              author: person,
            },
          },
        },
      },
      notes: { orderBy: [{ at: "asc" }, { createdAt: "asc" }], include: { author: person } },
    },
  });
  if (!incident) throw notFound("No such incident.");
  return incident;
}
export type IncidentDetail = Awaited<ReturnType<typeof getIncident>>;

interface SuspectRow {
  id: string;
  key: string;
  title: string;
  deployedAt: Date;
  aiExtent: "NONE" | "ASSISTED" | "GENERATED" | "AGENTIC";
  riskFlags: number;
  linesChanged: number;
  emergency: boolean;
  tier: number;
  authorName: string;
  authorLevel: string;
  systems: string[];
}

/**
 * Changes deployed to any of the incident's systems in the 24 h before it started, ranked by
 * closeness in time and risk (lib/domain/incidents), with how each is linked already.
 */
export async function suspectChanges(incidentId: string, startedAt: Date, client: Tx = db) {
  const rows = await client.$queryRaw<SuspectRow[]>`
    SELECT c.id, c.key, c.title, c."deployedAt", c."aiExtent"::text AS "aiExtent",
           cardinality(c."riskFlags") AS "riskFlags",
           (c."linesAdded" + c."linesRemoved") AS "linesChanged", c.emergency,
           min(s.tier)::int AS tier, u.name AS "authorName", u.level::text AS "authorLevel",
           array_agg(DISTINCT s.slug) AS systems
    FROM "IncidentSystem" i
    JOIN "ChangeSystem" cs ON cs."systemId" = i."systemId"
    JOIN "ChangeRequest" c ON c.id = cs."changeId"
    JOIN "System" s ON s.id = cs."systemId"
    JOIN "User" u ON u.id = c."authorId"
    WHERE i."incidentId" = ${incidentId}
      AND c."deployedAt" <= ${startedAt}
      AND c."deployedAt" >= ${new Date(startedAt.getTime() - 24 * 3_600_000)}
    GROUP BY c.id, u.id
    LIMIT 500`;
  const links = await client.incidentChange.findMany({
    where: { incidentId, changeId: { in: rows.map((r) => r.id) } },
    select: { changeId: true, kind: true },
  });
  const kindOf = new Map(links.map((l) => [l.changeId, l.kind]));
  return rankSuspects(rows, startedAt).map((r) => ({ ...r, linkedAs: kindOf.get(r.id) ?? null }));
}
export type Suspect = Awaited<ReturnType<typeof suspectChanges>>[number];

/** The incidents a change is linked to (its page shows them, CAUSE first). */
export async function incidentsOfChange(changeId: string) {
  return db.incidentChange.findMany({
    where: { changeId },
    orderBy: [{ kind: "asc" }, { linkedAt: "asc" }],
    select: {
      kind: true,
      incident: {
        select: { key: true, title: true, severity: true, status: true, startedAt: true },
      },
    },
  });
}

/**
 * For the incidents page: filters from the URL (`since` is a number of days back), or none and
 * what was wrong.
 */
export function incidentPageFilters(params: Record<string, string | undefined>): {
  filters: IncidentFilters;
  problem: string | null;
} {
  const { since, after, ...rest } = params;
  const days = since && /^\d{1,4}$/.test(since) ? Number(since) : null;
  try {
    return {
      filters: parseIncidentFilters({
        ...rest,
        cursor: after,
        from: days ? new Date(Date.now() - days * 86_400_000).toISOString() : undefined,
      }),
      problem: null,
    };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { filters: {}, problem: error.message };
  }
}
