import { db } from "@/lib/db";

export async function organisationCounts() {
  const [people, teams, systems, tier1, rules] = await Promise.all([
    db.user.count({ where: { active: true } }),
    db.team.count(),
    db.system.count(),
    db.system.count({ where: { tier: 1 } }),
    db.ownershipRule.count(),
  ]);
  return { people, teams, systems, tier1, rules };
}

/** What /admin/integrations offers: the repositories, systems and teams, by name. */
export async function integrationChoices() {
  const [repositories, systems, teams] = await Promise.all([
    db.repository.findMany({ select: { name: true }, orderBy: { name: "asc" } }),
    db.system.findMany({ select: { slug: true }, orderBy: { slug: "asc" } }),
    db.team.findMany({ select: { slug: true }, orderBy: { slug: "asc" } }),
  ]);
  return {
    repositories: repositories.map((r) => r.name),
    systems: systems.map((s) => s.slug),
    teams: teams.map((t) => t.slug),
  };
}
