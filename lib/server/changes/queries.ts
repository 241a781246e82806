// Reading changes: one change with everything its page shows, and lists of changes.
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { maySeeChange, type Viewer } from "@/lib/domain/changes/people";

const person = { select: { id: true, name: true, handle: true, level: true } } as const;

/** One change as `viewer` may see it: a draft of someone else's answers 404, as a missing one. */
export async function getChange(viewer: Viewer, key: string) {
  const change = await db.changeRequest.findUnique({
    where: { key },
    include: {
      author: person,
      coAuthors: { select: { user: person } },
      repository: { select: { name: true } },
      systems: {
        select: {
          source: true,
          system: { select: { id: true, slug: true, name: true, tier: true } },
        },
      },
      revisions: {
        orderBy: { number: "desc" },
        select: {
          number: true,
          paths: true,
          linesAdded: true,
          linesRemoved: true,
          riskHits: true,
          createdAt: true,
        },
      },
      requirements: {
        orderBy: { system: { tier: "asc" } },
        include: { system: { select: { slug: true, name: true, tier: true } } },
      },
      assignments: { orderBy: { assignedAt: "asc" }, include: { reviewer: person } },
      pullRequests: {
        select: {
          url: true,
          authorLogin: true,
          authorId: true,
          needs: true,
          integration: { select: { kind: true } },
        },
      },
    },
  });
  if (!change) throw notFound("No such change.");
  const authorship = {
    authorId: change.authorId,
    coAuthorIds: change.coAuthors.map((c) => c.user.id),
  };
  if (!maySeeChange(viewer, { ...authorship, status: change.status }))
    throw notFound("No such change.");
  return change;
}

export type ChangeDetail = Awaited<ReturnType<typeof getChange>>;

export interface ChangeListFilters {
  authorId?: string;
  /** Words of the title, or a change's key. */
  q?: string;
  status?: Prisma.ChangeRequestWhereInput["status"];
  before?: number;
}

export async function listChanges(filters: ChangeListFilters, limit = 30) {
  const rows = await db.changeRequest.findMany({
    where: {
      ...(filters.authorId
        ? {
            OR: [
              { authorId: filters.authorId },
              { coAuthors: { some: { userId: filters.authorId } } },
            ],
          }
        : {}),
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.q
        ? {
            AND: [
              {
                OR: [
                  { title: { contains: filters.q, mode: "insensitive" as const } },
                  { key: filters.q.toUpperCase() },
                ],
              },
            ],
          }
        : {}),
      ...(filters.before ? { number: { lt: filters.before } } : {}),
    },
    orderBy: { number: "desc" },
    take: limit + 1,
    select: {
      id: true,
      key: true,
      number: true,
      title: true,
      status: true,
      aiExtent: true,
      riskFlags: true,
      emergency: true,
      linesAdded: true,
      linesRemoved: true,
      updatedAt: true,
      submittedAt: true,
      slaDueAt: true,
      repository: { select: { name: true } },
      systems: { select: { system: { select: { slug: true, tier: true } } } },
      requirements: { select: { state: true } },
      _count: { select: { assignments: true } },
    },
  });
  return {
    rows: rows.slice(0, limit),
    nextBefore: rows.length > limit ? rows[limit - 1]!.number : null,
  };
}
