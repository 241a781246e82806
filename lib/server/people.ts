// The people directory and the demo sign-in list.
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { Level } from "@/lib/domain/levels";
import { keysetQuery, toPage, type PageRequest } from "@/lib/pagination";

export interface PeopleFilters {
  q?: string;
  level?: Level;
  team?: string;
}

export async function listPeople(filters: PeopleFilters, page: PageRequest) {
  const where: Prisma.UserWhereInput = {
    ...(filters.q
      ? {
          OR: [
            { name: { contains: filters.q, mode: "insensitive" } },
            { handle: { contains: filters.q.toLowerCase() } },
          ],
        }
      : {}),
    ...(filters.level ? { level: filters.level } : {}),
    ...(filters.team ? { memberships: { some: { team: { slug: filters.team } } } } : {}),
  };
  const query = keysetQuery("name", page);
  const [fetched, total] = await Promise.all([
    db.user.findMany({
      where: { AND: [where, query.where] },
      orderBy: query.orderBy,
      take: query.take,
      select: {
        id: true,
        name: true,
        handle: true,
        email: true,
        level: true,
        roles: true,
        active: true,
        outOfOfficeUntil: true,
        memberships: { select: { team: { select: { slug: true, name: true } } } },
        managedTeams: { select: { slug: true, name: true } },
      },
    }),
    db.user.count({ where }),
  ]);
  return { ...toPage(fetched, query, page.limit, (row) => row.name), total };
}

export type DemoGroup = "author" | "reviewer" | "manager" | "admin";

export interface DemoPerson {
  id: string;
  name: string;
  handle: string;
  level: Level;
  team: string | null;
  group: DemoGroup;
}

/** Everyone who can sign in, grouped by what they mainly do in the portal. */
export async function demoPeople(): Promise<DemoPerson[]> {
  const users = await db.user.findMany({
    where: { active: true },
    orderBy: [{ name: "asc" }],
    select: {
      id: true,
      name: true,
      handle: true,
      level: true,
      roles: true,
      memberships: { select: { team: { select: { name: true } } }, take: 1 },
      managedTeams: { select: { name: true }, take: 1 },
    },
  });
  return users.map((u) => ({
    id: u.id,
    name: u.name,
    handle: u.handle,
    level: u.level,
    team: u.memberships[0]?.team.name ?? u.managedTeams[0]?.name ?? null,
    group: u.roles.includes("ADMIN")
      ? "admin"
      : u.roles.includes("MANAGER")
        ? "manager"
        : u.level === "SENIOR" || u.level === "PRINCIPAL"
          ? "reviewer"
          : "author",
  }));
}
