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
