// The people the authorization matrix and the agreement test ask about, one of each kind, around
// one system owned by a team: its members at each level, the change's author and co-author, a
// senior named by CODEOWNERS only on the line for the changed path (/src/) and one named only on
// another line (/docs/), a senior of another team, a manager, an admin, and an owner out of office.
import { db } from "@/lib/db";
import type { PersonActor } from "@/lib/domain/actor";
import { makeRepository, makeSystem, makeTeam, makeUser } from "@/prisma/factories";
import { asSessionUser } from "./actors";

export const PERSON_KINDS = [
  "junior",
  "midOwner",
  "seniorOwner",
  "codeownerOfPath",
  "codeownerOfOtherPath",
  "seniorNonOwner",
  "principal",
  "author",
  "coAuthor",
  "manager",
  "admin",
  "outOfOffice",
] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

export interface OwnershipWorld {
  people: Record<PersonKind, PersonActor>;
  repo: string;
  system: { id: string; slug: string };
}

export async function ownershipWorld(tier: number): Promise<OwnershipWorld> {
  const manager = asSessionUser(await makeUser(db, { level: "SENIOR", roles: ["MANAGER"] }));
  const team = await makeTeam(db, { managerId: manager.id });
  const other = await makeTeam(db);
  const member = async (level: "JUNIOR" | "MID" | "SENIOR" | "PRINCIPAL") =>
    asSessionUser(await makeUser(db, { level, teamId: team.id }));
  const outsider = async () =>
    asSessionUser(await makeUser(db, { level: "SENIOR", teamId: other.id }));
  const people: Record<PersonKind, PersonActor> = {
    junior: await member("JUNIOR"),
    midOwner: await member("MID"),
    seniorOwner: await member("SENIOR"),
    principal: await member("PRINCIPAL"),
    author: await member("JUNIOR"),
    coAuthor: await member("SENIOR"),
    codeownerOfPath: await outsider(),
    codeownerOfOtherPath: await outsider(),
    seniorNonOwner: await outsider(),
    manager,
    admin: asSessionUser(await makeUser(db, { level: "SENIOR", roles: ["ADMIN"] })),
    outOfOffice: asSessionUser(
      await makeUser(db, {
        level: "SENIOR",
        teamId: team.id,
        outOfOfficeUntil: new Date(Date.now() + 7 * 86400_000),
      }),
    ),
  };
  const system = await makeSystem(db, { tier, owningTeamId: team.id });
  const line = (pattern: string, userId: string) => ({
    pattern,
    systemId: system.id,
    teamIds: [team.id],
    userIds: [userId],
  });
  const repo = await makeRepository(db, {
    rules: [
      { pattern: "*", systemId: system.id, teamIds: [team.id] },
      line("/src/", people.codeownerOfPath.id),
      line("/docs/", people.codeownerOfOtherPath.id),
    ],
  });
  return { people, repo: repo.name, system };
}
