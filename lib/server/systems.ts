// Systems catalog use cases: list (keyset), detail with ownership, admin edits.
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { keysetQuery, toPage, type PageRequest } from "@/lib/pagination";
import { evaluateCandidates } from "@/lib/domain/routing/eligibility";
import { minimumLevel } from "@/lib/domain/policy/minimum-level";
import { loadSystemOwners } from "@/lib/server/ownership";
import { notFound } from "@/lib/errors";

export interface SystemFilters {
  q?: string;
  tier?: number;
  team?: string;
}

function filterWhere(filters: SystemFilters): Prisma.SystemWhereInput {
  return {
    ...(filters.q
      ? {
          OR: [
            { name: { contains: filters.q, mode: "insensitive" } },
            { slug: { contains: filters.q.toLowerCase() } },
          ],
        }
      : {}),
    ...(filters.tier ? { tier: filters.tier } : {}),
    ...(filters.team ? { owningTeam: { slug: filters.team } } : {}),
  };
}

export async function listSystems(filters: SystemFilters, page: PageRequest) {
  const query = keysetQuery("name", page);
  const where = filterWhere(filters);
  const [fetched, total] = await Promise.all([
    db.system.findMany({
      where: { AND: [where, query.where] },
      orderBy: query.orderBy,
      take: query.take,
      select: {
        id: true,
        slug: true,
        name: true,
        tier: true,
        customerFacing: true,
        owningTeam: { select: { slug: true, name: true } },
        _count: { select: { repositories: true, extraApprovers: true } },
      },
    }),
    db.system.count({ where }),
  ]);
  return { ...toPage(fetched, query, page.limit, (row) => row.name), total };
}

export async function getSystem(slug: string) {
  const system = await db.system.findUnique({
    where: { slug },
    include: {
      owningTeam: {
        select: {
          id: true,
          slug: true,
          name: true,
          manager: { select: { name: true, handle: true } },
        },
      },
      repositories: {
        select: { repository: { select: { id: true, name: true } } },
        orderBy: { repository: { name: "asc" } },
      },
      extraApprovers: {
        select: {
          id: true,
          user: { select: { id: true, name: true, handle: true, level: true } },
          team: { select: { id: true, slug: true, name: true } },
        },
      },
      rules: {
        orderBy: [{ repository: { name: "asc" } }, { position: "asc" }],
        select: {
          id: true,
          pattern: true,
          position: true,
          ownerLabels: true,
          source: true,
          repository: { select: { name: true } },
        },
      },
    },
  });
  if (!system) throw notFound("No such system.");
  return system;
}

/** Who may sign off changes to this system, under the two situations the policy distinguishes. */
export async function systemApprovers(system: { id: string; tier: number }, now = new Date()) {
  const owners = (await loadSystemOwners(db, [system.id])).get(system.id) ?? [];
  const strict = minimumLevel({ tier: system.tier, authorLevel: "JUNIOR", aiExtent: "GENERATED" });
  const relaxed = minimumLevel({ tier: system.tier, authorLevel: "SENIOR", aiExtent: "NONE" });
  return {
    strict: {
      ...strict,
      candidates: evaluateCandidates(owners, { minLevel: strict.minLevel, now }),
    },
    relaxed: {
      ...relaxed,
      candidates: evaluateCandidates(owners, { minLevel: relaxed.minLevel, now }),
    },
  };
}
