// The /audit page and subject timelines: newest first, keyset on seq (which only grows, so pages
// stay stable while events are written), every filter served by an index on (column, seq DESC).
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";

export interface AuditFilters {
  actor?: string;
  action?: string;
  subject?: string;
  change?: string;
  from?: Date;
  to?: Date;
  older?: number;
  newer?: number;
}

const select = {
  seq: true,
  at: true,
  actorType: true,
  actorId: true,
  actorName: true,
  action: true,
  subjectType: true,
  subjectId: true,
  subjectLabel: true,
  changeKey: true,
  payload: true,
  hash: true,
} satisfies Prisma.AuditEventSelect;

export type AuditRow = Omit<Prisma.AuditEventGetPayload<{ select: typeof select }>, "seq"> & {
  seq: number;
};

/** `@handle` or `handle` is a person, `system` any system job, `system:<job>` one job. */
async function actorWhere(actor: string): Promise<Prisma.AuditEventWhereInput | null> {
  const value = actor.trim();
  if (value === "system") return { actorType: "SYSTEM" };
  if (value.startsWith("system:")) return { actorType: "SYSTEM", actorName: value };
  const user = await db.user.findUnique({
    where: { handle: value.replace(/^@/, "").toLowerCase() },
    select: { id: true },
  });
  return user ? { actorId: user.id } : null;
}

/**
 * The Subject filter: a key (CR-12, INC-200) finds the subject and every event naming it; any
 * other text finds subjects whose label contains it, ignoring case, or whose id it is.
 */
export function subjectWhere(subject: string): Prisma.AuditEventWhereInput {
  const value = subject.trim();
  if (/^(CR|INC)-\d+$/i.test(value)) {
    const key = value.toUpperCase();
    return {
      OR: [{ subjectLabel: key }, { subjectLabel: { startsWith: `${key} ` } }, { changeKey: key }],
    };
  }
  return {
    OR: [{ subjectLabel: { contains: value, mode: "insensitive" } }, { subjectId: value }],
  };
}

export async function listAuditEvents(filters: AuditFilters, limit = 50) {
  const where: Prisma.AuditEventWhereInput[] = [];
  if (filters.actor) {
    const actor = await actorWhere(filters.actor);
    if (!actor)
      return { rows: [] as AuditRow[], olderCursor: null, newerCursor: null, unknownActor: true };
    where.push(actor);
  }
  if (filters.action) where.push({ action: filters.action });
  if (filters.subject) where.push(subjectWhere(filters.subject));
  if (filters.change) where.push({ changeKey: filters.change.toUpperCase() });
  if (filters.from) where.push({ at: { gte: filters.from } });
  if (filters.to) where.push({ at: { lt: filters.to } });
  const newer = filters.newer !== undefined && filters.older === undefined;
  if (filters.older !== undefined) where.push({ seq: { lt: BigInt(filters.older) } });
  if (newer) where.push({ seq: { gt: BigInt(filters.newer!) } });

  const fetched = await db.auditEvent.findMany({
    where: { AND: where },
    orderBy: { seq: newer ? "asc" : "desc" },
    take: limit + 1,
    select,
  });
  const more = fetched.length > limit;
  const page = fetched.slice(0, limit);
  if (newer) page.reverse();
  const rows: AuditRow[] = page.map((r) => ({ ...r, seq: Number(r.seq) }));
  const paged = filters.older !== undefined || newer;
  return {
    rows,
    olderCursor: rows.length && (newer || more) ? rows[rows.length - 1]!.seq : null,
    newerCursor: rows.length && (newer ? more : paged) ? rows[0]!.seq : null,
    unknownActor: false,
  };
}

/** A change's history: its own events and every event that names it (an incident linking it). */
export async function changeTimeline(key: string, limit = 20) {
  const rows = await db.auditEvent.findMany({
    where: { changeKey: key },
    orderBy: { seq: "desc" },
    take: limit,
    select,
  });
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export async function subjectTimeline(subjectType: string, subjectId: string, limit = 15) {
  const rows = await db.auditEvent.findMany({
    where: { subjectType, subjectId },
    orderBy: { seq: "desc" },
    take: limit,
    select,
  });
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}
