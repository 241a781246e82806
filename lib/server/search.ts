// The global search (lib/domain/search/query.ts): changes and incidents a person may see, matching
// a key, title words and qualifiers, newest first. Drafts are found only by their authors and
// admins, incidents only by people who may read incidents.
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { can } from "@/lib/authz/can";
import type { PersonActor } from "@/lib/domain/actor";
import { parseSearch, type SearchQuery } from "@/lib/domain/search/query";

const LIMIT = 25;

async function personId(
  viewer: PersonActor,
  who: string | null,
): Promise<string | null | undefined> {
  if (who === null) return undefined;
  if (who === "@me") return viewer.id;
  const user = await db.user.findUnique({ where: { handle: who }, select: { id: true } });
  return user?.id ?? null;
}

function changeWhere(
  q: SearchQuery,
  viewer: PersonActor,
  authorId: string | undefined,
  reviewerId: string | undefined,
): Prisma.ChangeRequestWhereInput {
  const and: Prisma.ChangeRequestWhereInput[] = [];
  if (!viewer.roles.includes("ADMIN"))
    and.push({
      OR: [
        { status: { not: "DRAFT" } },
        { authorId: viewer.id },
        { coAuthors: { some: { userId: viewer.id } } },
      ],
    });
  const crKeys = q.keys.filter((k) => k.startsWith("CR-"));
  if (crKeys.length) and.push({ key: { in: crKeys } });
  for (const word of q.text ? [q.text] : [])
    and.push({
      OR: [
        { title: { contains: word, mode: "insensitive" } },
        { author: { name: { contains: word, mode: "insensitive" } } },
      ],
    });
  if (q.statuses.length) and.push({ status: { in: q.statuses } });
  if (authorId) and.push({ authorId });
  if (reviewerId)
    and.push({
      OR: [{ assignments: { some: { reviewerId } } }, { reviews: { some: { reviewerId } } }],
    });
  if (q.system) and.push({ systems: { some: { system: { slug: q.system } } } });
  if (q.repo) and.push({ repository: { name: q.repo } });
  return { AND: and };
}

export async function search(viewer: PersonActor, input: string) {
  const q = parseSearch(input);
  const problems = [...q.problems];
  const empty =
    !q.keys.length &&
    !q.text &&
    !q.statuses.length &&
    !q.author &&
    !q.reviewer &&
    !q.system &&
    !q.repo &&
    !q.kind;
  if (empty) return { query: q, problems, changes: [], incidents: [] };
  const [authorId, reviewerId] = await Promise.all([
    personId(viewer, q.author),
    personId(viewer, q.reviewer),
  ]);
  if (authorId === null) problems.push(`nobody has the handle @${q.author}`);
  if (reviewerId === null) problems.push(`nobody has the handle @${q.reviewer}`);
  const changeOnly = Boolean(q.statuses.length || q.author || q.reviewer || q.repo);
  const wantChanges =
    q.kind !== "incident" &&
    authorId !== null &&
    reviewerId !== null &&
    !(q.keys.length && q.keys.every((k) => k.startsWith("INC-")));
  const mayReadIncidents = can(viewer, "incidents:read");
  if (q.kind === "incident" && !mayReadIncidents)
    problems.push("incidents are for seniors, managers and admins");
  const wantIncidents =
    mayReadIncidents &&
    q.kind !== "change" &&
    !changeOnly &&
    !(q.keys.length && q.keys.every((k) => k.startsWith("CR-")));
  const incKeys = q.keys.filter((k) => k.startsWith("INC-"));
  const [changes, incidents] = await Promise.all([
    wantChanges
      ? db.changeRequest.findMany({
          where: changeWhere(q, viewer, authorId ?? undefined, reviewerId ?? undefined),
          orderBy: { updatedAt: "desc" },
          take: LIMIT,
          select: {
            key: true,
            title: true,
            status: true,
            aiExtent: true,
            updatedAt: true,
            author: { select: { name: true, handle: true } },
            repository: { select: { name: true } },
            systems: { select: { system: { select: { slug: true } } }, take: 3 },
          },
        })
      : [],
    wantIncidents
      ? db.incident.findMany({
          where: {
            AND: [
              ...(incKeys.length ? [{ key: { in: incKeys } }] : []),
              ...(q.text ? [{ title: { contains: q.text, mode: "insensitive" as const } }] : []),
              ...(q.system ? [{ systems: { some: { system: { slug: q.system } } } }] : []),
            ],
          },
          orderBy: { startedAt: "desc" },
          take: LIMIT,
          select: { key: true, title: true, severity: true, status: true, startedAt: true },
        })
      : [],
  ]);
  return { query: q, problems, changes, incidents };
}

export type SearchResults = Awaited<ReturnType<typeof search>>;
