// Who owns a system, and through what: owning-team members, extra approvers (people and teams),
// and CODEOWNERS owners of the rules that map paths to it. The routing engine and the system
// page read ownership through here, so both explain it the same way.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db, Tx } from "@/lib/db";
import type { CandidatePerson, OwnershipVia } from "@/lib/domain/routing/eligibility";

export const personSelect = {
  id: true,
  name: true,
  handle: true,
  level: true,
  active: true,
  outOfOfficeUntil: true,
} satisfies Prisma.UserSelect;

const teamWithMembers = {
  select: { slug: true, name: true, members: { select: { user: { select: personSelect } } } },
} as const;

export interface OwnerCandidate {
  person: CandidatePerson;
  via: OwnershipVia[];
}

/**
 * Owners of each system. `ruleIds`: for routing, only the CODEOWNERS lines that won for the
 * change's paths make their owners owners; without it (the system page) every line of the system
 * does.
 */
export async function loadSystemOwners(
  db: Db | Tx,
  systemIds: string[],
  ruleIds?: string[],
): Promise<Map<string, OwnerCandidate[]>> {
  const systems = await db.system.findMany({
    where: { id: { in: systemIds } },
    select: {
      id: true,
      owningTeam: teamWithMembers,
      extraApprovers: { select: { user: { select: personSelect }, team: teamWithMembers } },
      rules: {
        ...(ruleIds ? { where: { id: { in: ruleIds } } } : {}),
        select: {
          pattern: true,
          owners: { select: { user: { select: personSelect }, team: teamWithMembers } },
        },
      },
    },
  });
  const result = new Map<string, OwnerCandidate[]>();
  for (const system of systems) {
    const byPerson = new Map<string, OwnerCandidate>();
    const add = (person: CandidatePerson, via: OwnershipVia) => {
      const entry = byPerson.get(person.id) ?? { person, via: [] };
      if (!entry.via.some((v) => JSON.stringify(v) === JSON.stringify(via))) entry.via.push(via);
      byPerson.set(person.id, entry);
    };
    for (const { user } of system.owningTeam.members)
      add(user, { kind: "team", team: system.owningTeam.slug });
    for (const approver of system.extraApprovers) {
      if (approver.user) add(approver.user, { kind: "extra-user" });
      for (const { user } of approver.team?.members ?? [])
        add(user, { kind: "extra-team", team: approver.team!.slug });
    }
    for (const rule of system.rules) {
      for (const owner of rule.owners) {
        if (owner.user) add(owner.user, { kind: "codeowner", pattern: rule.pattern });
        // Team owners of a rule are usually the owning team: membership already says so.
        for (const { user } of owner.team?.members ?? []) {
          if (owner.team!.slug !== system.owningTeam.slug)
            add(user, { kind: "codeowner", pattern: rule.pattern });
        }
      }
    }
    result.set(system.id, [...byPerson.values()]);
  }
  return result;
}
