// Factories shared by the seed and the tests: the demo organisation's writer, and small builders
// that create one user, team or system with unique names.
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import type { Level, Role } from "@/lib/domain/levels";
import { buildDemoOrganisation, type DemoOrganisation } from "./demo-org";
import type { DemoIncidents } from "./demo-incidents";
import type { DemoHistory } from "./demo-history";

const CHUNK = 2000;

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

/** Writes the demo organisation inside the caller's transaction. */
export async function insertDemoOrganisation(
  tx: Tx,
  org: DemoOrganisation = buildDemoOrganisation(),
): Promise<DemoOrganisation> {
  await inChunks(org.users, (data) => tx.user.createMany({ data }));
  await inChunks(org.teams, (data) => tx.team.createMany({ data }));
  await inChunks(org.memberships, (data) => tx.teamMember.createMany({ data }));
  await inChunks(org.systems, (data) => tx.system.createMany({ data }));
  await inChunks(org.repositories, (data) => tx.repository.createMany({ data }));
  await inChunks(org.systemRepositories, (data) => tx.systemRepository.createMany({ data }));
  await inChunks(org.extraApprovers, (data) => tx.systemApprover.createMany({ data }));
  await inChunks(
    org.rules.map(({ ownerTeamIds: _t, ownerUserIds: _u, ...rule }) => ({
      ...rule,
      source: "CODEOWNERS" as const,
    })),
    (data) => tx.ownershipRule.createMany({ data }),
  );
  const owners = org.rules.flatMap((rule) => [
    ...rule.ownerTeamIds.map((teamId) => ({ ruleId: rule.id, teamId })),
    ...rule.ownerUserIds.map((userId) => ({ ruleId: rule.id, userId })),
  ]);
  await inChunks(owners, (data) => tx.ruleOwner.createMany({ data }));
  await tx.policyWindow.createMany({ data: org.windows });
  return org;
}

// ---- builders for tests -------------------------------------------------------------------

const unique = () => randomUUID().slice(0, 8);

export async function makeUser(
  db: PrismaClient,
  overrides: Partial<{
    name: string;
    handle: string;
    email: string;
    level: Level;
    roles: Role[];
    active: boolean;
    outOfOfficeUntil: Date | null;
    teamId: string;
  }> = {},
) {
  const id = unique();
  const handle = overrides.handle ?? `test.user.${id}`;
  const { teamId, ...rest } = overrides;
  const user = await db.user.create({
    data: {
      name: `Test User ${id}`,
      email: `${handle}@test.example`,
      level: "MID",
      roles: [],
      ...rest,
      handle,
    },
  });
  if (teamId) await db.teamMember.create({ data: { teamId, userId: user.id } });
  return user;
}

export async function makeTeam(
  db: PrismaClient,
  overrides: Partial<{ slug: string; name: string; managerId: string }> = {},
) {
  const id = unique();
  return db.team.create({ data: { slug: `team-${id}`, name: `Team ${id}`, ...overrides } });
}

export async function makeSystem(
  db: PrismaClient,
  overrides: Partial<{
    slug: string;
    name: string;
    tier: number;
    owningTeamId: string;
    customerFacing: boolean;
  }> = {},
) {
  const id = unique();
  const owningTeamId = overrides.owningTeamId ?? (await makeTeam(db)).id;
  return db.system.create({
    data: { slug: `system-${id}`, name: `System ${id}`, tier: 2, ...overrides, owningTeamId },
  });
}

export async function makeRepository(
  db: PrismaClient,
  options: {
    name?: string;
    systemIds?: string[];
    rules?: {
      pattern: string;
      systemId?: string | null;
      teamIds?: string[];
      userIds?: string[];
      labels?: string[];
    }[];
  } = {},
) {
  const repository = await db.repository.create({
    data: { name: options.name ?? `test/repo-${unique()}` },
  });
  if (options.systemIds?.length) {
    await db.systemRepository.createMany({
      data: options.systemIds.map((systemId) => ({ systemId, repositoryId: repository.id })),
    });
  }
  for (const [position, rule] of (options.rules ?? []).entries()) {
    await db.ownershipRule.create({
      data: {
        repositoryId: repository.id,
        position,
        pattern: rule.pattern,
        systemId: rule.systemId ?? null,
        ownerLabels: rule.labels ?? [],
        owners: {
          create: [
            ...(rule.teamIds ?? []).map((teamId) => ({ teamId })),
            ...(rule.userIds ?? []).map((userId) => ({ userId })),
          ],
        },
      },
    });
  }
  return repository;
}

/** Writes the demo history (changes, routing, reviews) inside the caller's transaction. */
export async function insertDemoHistory(tx: Tx, history: DemoHistory): Promise<void> {
  await inChunks(history.changes, (data) => tx.changeRequest.createMany({ data }));
  await inChunks(history.systems, (data) => tx.changeSystem.createMany({ data }));
  await inChunks(history.revisions, (data) => tx.revision.createMany({ data }));
  await inChunks(history.requirements, (data) => tx.requirement.createMany({ data }));
  await inChunks(history.assignments, (data) => tx.assignment.createMany({ data }));
  await inChunks(history.reviews, (data) => tx.review.createMany({ data }));
  const last = history.changes.reduce((n, c) => Math.max(n, c.number), 0);
  await tx.counter.update({ where: { name: "change" }, data: { value: last } });
}

/** Writes the demo incidents (with their systems, change links and notes) in the caller's transaction. */
export async function insertDemoIncidents(tx: Tx, incidents: DemoIncidents): Promise<void> {
  await inChunks(incidents.incidents, (data) => tx.incident.createMany({ data }));
  await inChunks(incidents.systems, (data) => tx.incidentSystem.createMany({ data }));
  await inChunks(incidents.links, (data) => tx.incidentChange.createMany({ data }));
  await inChunks(incidents.notes, (data) => tx.incidentNote.createMany({ data }));
  await tx.changeRequest.updateMany({
    where: { id: { in: incidents.links.filter((l) => l.kind === "CAUSE").map((l) => l.changeId) } },
    data: { causedIncident: true },
  });
  await tx.counter.update({
    where: { name: "incident" },
    data: { value: incidents.incidents.length },
  });
}
