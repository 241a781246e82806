// The scale organisation (`cli seed --scale`, README "Benchmarks"): the demo organisation grown to
// 20,000 people, 2,000 teams and 5,000 systems, as a large retailer's engineering would be. The
// added teams each own a few systems with a repository and a "*" rule of their own; each has at
// least three SENIOR+ people, and the rest keep the demo's level mix. Pure and deterministic: it returns rows; prisma/seed-scale.ts writes them.
import type { Level } from "@/lib/domain/levels";
import { ORG, type DemoOrganisation } from "./demo-org";

export const SCALE_PEOPLE = 20_000;
export const SCALE_TEAMS = 2_000;
export const SCALE_SYSTEMS = 5_000;

export interface ScaleOrganisation {
  users: { id: string; email: string; name: string; handle: string; level: Level }[];
  teams: { id: string; slug: string; name: string; managerId: string }[];
  memberships: { teamId: string; userId: string }[];
  systems: { id: string; slug: string; name: string; tier: number; owningTeamId: string }[];
  repositories: { id: string; name: string }[];
  /** One "*" rule per added repository, owned by the system's team. */
  rules: { id: string; repositoryId: string; systemId: string; teamId: string; label: string }[];
}

/** Demo's mix: 35% junior, 30% mid, 25% senior, 10% principal (in blocks of 20). */
const LEVELS: Level[] = [
  ...Array<Level>(7).fill("JUNIOR"),
  ...Array<Level>(6).fill("MID"),
  ...Array<Level>(5).fill("SENIOR"),
  ...Array<Level>(2).fill("PRINCIPAL"),
];

const FIRST = ["Ada", "Bo", "Chidi", "Dana", "Emil", "Farah", "Goran", "Hana", "Ines", "Jun"];
const LAST = ["Okafor", "Lindqvist", "Tanaka", "Moreau", "Silva", "Novak", "Haddad", "Kowalski"];

export function buildScaleOrganisation(demo: DemoOrganisation): ScaleOrganisation {
  const teamCount = SCALE_TEAMS - demo.teams.length;
  const peopleCount = SCALE_PEOPLE - demo.users.length;
  const systemCount = SCALE_SYSTEMS - demo.systems.length;
  const users: ScaleOrganisation["users"] = [];
  for (let i = 0; i < peopleCount; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
    const handle = `${first}.${last}.${i}`.toLowerCase();
    users.push({
      id: `sc-user-${i}`,
      email: `${handle}@${ORG}.example`,
      name: `${first} ${last} ${i}`,
      handle,
      // The first person of each team manages it (a senior or a principal), and the next two are
      // seniors: every team can sign off its systems' changes with two owners and a third.
      level:
        i < teamCount
          ? i % 3 === 0
            ? "PRINCIPAL"
            : "SENIOR"
          : i < 3 * teamCount
            ? "SENIOR"
            : LEVELS[i % LEVELS.length]!,
    });
  }
  const teams = Array.from({ length: teamCount }, (_, i) => ({
    id: `sc-team-${i}`,
    slug: `unit-${i}`,
    name: `Unit ${i}`,
    managerId: users[i]!.id,
  }));
  const memberships = users.map((u, i) => ({ teamId: teams[i % teamCount]!.id, userId: u.id }));
  const systems = Array.from({ length: systemCount }, (_, i) => {
    const team = teams[i % teamCount]!;
    return {
      id: `sc-sys-${i}`,
      slug: `${team.slug}-svc-${Math.floor(i / teamCount)}`,
      name: `${team.name} service ${Math.floor(i / teamCount)}`,
      tier: i % 3 === 0 ? 1 : i % 3 === 1 ? 2 : 3,
      owningTeamId: team.id,
    };
  });
  const repositories = systems.map((s, i) => ({ id: `sc-repo-${i}`, name: `${ORG}/${s.slug}` }));
  const rules = systems.map((s, i) => ({
    id: `sc-rule-${i}`,
    repositoryId: repositories[i]!.id,
    systemId: s.id,
    teamId: s.owningTeamId,
    label: `@${ORG}/${teams[i % teamCount]!.slug}`,
  }));
  return { users, teams, memberships, systems, repositories, rules };
}
