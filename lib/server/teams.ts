// Teams: the list for filters, and a team's page.
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { personSelect } from "@/lib/server/ownership";

export async function listTeamOptions() {
  return db.team.findMany({
    orderBy: { name: "asc" },
    select: { id: true, slug: true, name: true },
  });
}

export async function getTeam(slug: string) {
  const team = await db.team.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      manager: { select: { name: true, handle: true, email: true } },
      members: {
        select: {
          user: { select: personSelect },
        },
        orderBy: { user: { name: "asc" } },
      },
      systems: {
        select: { slug: true, name: true, tier: true, customerFacing: true },
        orderBy: [{ tier: "asc" }, { name: "asc" }],
      },
    },
  });
  if (!team) throw notFound("No such team.");
  return team;
}
