// Shared by the integration tests: an AI-assisted change submitted through the real use case,
// and a well-formed approval of one of its revisions.
import type { PersonActor } from "@/lib/domain/actor";
import { saveChange } from "@/lib/server/changes/save";

export function submitAiChange(
  author: PersonActor,
  repository: string,
  over: Record<string, unknown> = {},
) {
  return saveChange(author, {
    submit: true,
    title: "Retry card authorisation on timeout",
    intent: "Timeouts at peak fail checkouts; one jittered retry recovers most of them.",
    repository,
    aiExtent: "GENERATED",
    aiTools: ["Claude Code"],
    aiWrote: "The retry helper.",
    paths: ["src/retry.ts", "src/retry.test.ts"],
    linesChanged: 60,
    ...over,
  });
}

export const approval = (revision = 1, extra: Record<string, unknown> = {}) => ({
  revision,
  decision: "APPROVE",
  attestation: "I read every line and ran the tests locally.",
  secondsSpent: 600,
  ...extra,
});

/** The reviewer opened the change `seconds` ago: their review's measured time starts then. */
export async function openedAgo(reviewer: PersonActor, key: string, seconds: number) {
  const { openForReview } = await import("@/lib/server/changes/review");
  return openForReview(reviewer, key, { now: new Date(Date.now() - seconds * 1000) });
}

/** A tier-3 system owned by a team of two SENIORs, and a repository whose every path it owns. */
export async function ownedRepository() {
  const { db } = await import("@/lib/db");
  const { makeRepository, makeSystem, makeTeam, makeUser } = await import("@/prisma/factories");
  const { asSessionUser } = await import("./actors");
  const team = await makeTeam(db);
  const seniors = [
    asSessionUser(await makeUser(db, { level: "SENIOR", teamId: team.id })),
    asSessionUser(await makeUser(db, { level: "SENIOR", teamId: team.id })),
  ];
  const system = await makeSystem(db, { tier: 3, owningTeamId: team.id });
  const repo = await makeRepository(db, {
    rules: [{ pattern: "*", systemId: system.id, teamIds: [team.id] }],
  });
  return { team, seniors, system, repo };
}
