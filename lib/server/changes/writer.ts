// The only writer of a change's requirement, assignment, change-system and revision rows
// (docs/architecture.md, "The change's home"). Use cases load, decide with the pure rules, and
// apply their decisions through these functions inside their one transaction;
// lib/server/changes/writer.test.ts fails when another file writes those rows.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import type { ChangeContent } from "@/lib/domain/changes/content";
import { requirementSatisfied, type RequirementView } from "@/lib/domain/lifecycle/lifecycle";
import { reviewWeight } from "@/lib/domain/routing/assign";
import type { RiskHit } from "@/lib/domain/risk/detect";
import type { RoutingResult } from "@/lib/server/routing/route";
import { resolvePaths } from "@/lib/server/routing/paths";
import type { ChangeContext } from "./context";

function candidateSnapshot(result: RoutingResult["requirements"][number]): Prisma.InputJsonValue {
  return result.candidates.map((c) => ({
    personId: c.person.id,
    name: c.person.name,
    handle: c.person.handle,
    level: c.person.level,
    verdict: c.verdict,
    reason: c.reason,
    openReviews: c.person.openReviews ?? 0,
  }));
}

export interface AssignmentPick {
  reviewerId: string;
  reason: string;
  systemIds: string[];
}

/**
 * Puts each picked reviewer on the change's current revision (a new assignment, or their earlier
 * one reopened). `restartClock`: the assignment counts as made now (routing, escalation); a
 * reviewer kept from an earlier revision keeps their place in the round-robin.
 */
export async function assignReviewers(
  tx: Tx,
  change: { id: string; revision: number; linesChanged: number },
  picks: AssignmentPick[],
  options: { now: Date; restartClock: boolean; keepReason?: boolean },
) {
  const weight = reviewWeight(change.linesChanged);
  for (const pick of picks) {
    await tx.assignment.upsert({
      where: { changeId_reviewerId: { changeId: change.id, reviewerId: pick.reviewerId } },
      create: {
        changeId: change.id,
        reviewerId: pick.reviewerId,
        reason: pick.reason,
        systemIds: pick.systemIds,
        revision: change.revision,
        weight,
        assignedAt: options.now,
      },
      update: {
        ...(options.keepReason ? {} : { reason: pick.reason, systemIds: pick.systemIds }),
        revision: change.revision,
        weight,
        state: "OPEN",
        completedAt: null,
        ...(options.restartClock ? { assignedAt: options.now } : {}),
      },
    });
  }
}

/** Requirements and assignments for the change's current revision, from a routing result. */
export async function writeRouting(
  tx: Tx,
  change: { id: string; revision: number; linesChanged: number },
  result: RoutingResult,
  now: Date,
) {
  await tx.requirement.deleteMany({ where: { changeId: change.id } });
  await tx.requirement.createMany({
    data: result.requirements.map((r) => ({
      changeId: change.id,
      systemId: r.decision.systemId,
      revision: change.revision,
      approvalsRequired: r.decision.approvalsRequired,
      minLevel: r.decision.minLevel,
      principalRequired: r.decision.principalRequired,
      frozen: r.decision.frozen,
      emergencyApprovals: r.decision.emergency?.approvals ?? null,
      state: r.outcome.state === "UNROUTABLE" ? ("UNROUTABLE" as const) : ("PENDING" as const),
      stateReason: r.outcome.reason,
      rules: r.decision.rules,
      windows: r.decision.windows,
      ruleIds: r.ruleIds,
      candidates: candidateSnapshot(r),
    })),
  });
  await assignReviewers(
    tx,
    change,
    result.reviewers.map((r) => ({
      reviewerId: r.id,
      reason: r.reasons.join("; "),
      systemIds: r.systemIds,
    })),
    { now, restartClock: true },
  );
}

/** The systems the change affects, replaced by the routing result's. */
export async function writeChangeSystems(tx: Tx, changeId: string, result: RoutingResult) {
  await tx.changeSystem.deleteMany({ where: { changeId } });
  await tx.changeSystem.createMany({
    data: result.systems.map((s) => ({ changeId, systemId: s.id, source: s.source })),
  });
}

/** A revision's content: created, or (for a draft's revision 1) replaced. */
export async function writeRevision(
  tx: Tx,
  changeId: string,
  number: number,
  content: ChangeContent & { diff: string | null; riskHits: RiskHit[] },
  commitSha: string | null = null,
  /** The author's note with a new revision: what changed since the last review. */
  note = "",
) {
  const data = {
    diff: content.diff,
    commitSha,
    note,
    paths: content.paths,
    routingPaths: content.routingPaths,
    linesAdded: content.linesAdded,
    linesRemoved: content.linesRemoved,
    riskHits: content.riskHits as unknown as Prisma.InputJsonValue,
  };
  await tx.revision.upsert({
    where: { changeId_number: { changeId, number } },
    create: { changeId, number, ...data },
    update: data,
  });
}

/** The reviewer's own assignment is done: they decided. */
export async function completeAssignment(tx: Tx, changeId: string, reviewerId: string, now: Date) {
  await tx.assignment.updateMany({
    where: { changeId, reviewerId, state: "OPEN" },
    data: { state: "DONE", completedAt: now },
  });
}

/** Every open assignment released: the change closed, was approved, or is re-assigned. */
export async function releaseAssignments(tx: Tx, changeId: string, now: Date) {
  await tx.assignment.updateMany({
    where: { changeId, state: "OPEN" },
    data: { state: "DISMISSED", completedAt: now },
  });
}

/** Each requirement's state from the approvals that now count (UNROUTABLE stays as routed). */
export async function refreshRequirementStates(
  tx: Tx,
  ctx: ChangeContext,
  views: RequirementView[],
) {
  for (const [i, requirement] of ctx.requirements.entries()) {
    const satisfied = requirementSatisfied(views[i]!);
    if (requirement.state === "UNROUTABLE") continue;
    if ((requirement.state === "SATISFIED") === satisfied) continue;
    await tx.requirement.updateMany({
      where: { id: requirement.id, state: { not: "UNROUTABLE" } },
      data: { state: satisfied ? "SATISFIED" : "PENDING" },
    });
  }
}

/**
 * After a repository's CODEOWNERS lines are replaced, each open change's requirements point at
 * the new lines that win for its routing paths, so the people the new file names own them (and
 * the people it no longer names do not). Which systems a change affects is not re-decided here:
 * that is re-routing. Returns how many requirements changed.
 */
export async function refreshRequirementRules(tx: Tx, repositoryId: string): Promise<number> {
  const open = await tx.$queryRaw<
    { changeId: string; repository: string; paths: string[]; routingPaths: string[] }[]
  >`
    SELECT c.id AS "changeId", r.name AS repository, v.paths, v."routingPaths"
      FROM "ChangeRequest" c
      JOIN "Repository" r ON r.id = c."repositoryId"
      JOIN "Revision" v ON v."changeId" = c.id AND v.number = c."currentRevision"
     WHERE c."repositoryId" = ${repositoryId}
       AND c.status IN ('PENDING', 'CHANGES_REQUESTED', 'APPROVED', 'DEPLOYED')`;
  const rows: { changeId: string; systemId: string; ruleIds: string[] }[] = [];
  if (open.length === 0) return 0;
  // One matcher for every change: all paths at once, then each change's share.
  const all = [...new Set(open.flatMap((c) => (c.routingPaths.length ? c.routingPaths : c.paths)))];
  const resolution = await resolvePaths(tx, open[0]!.repository, all, { uncommittedRules: true });
  const ruleOf = new Map<string, { systemId: string; ruleId: string }>();
  for (const [systemId, paths] of resolution.pathsBySystem)
    for (const path of paths) {
      const ruleId = resolution.ruleByPath.get(path);
      if (ruleId) ruleOf.set(path, { systemId, ruleId });
    }
  for (const change of open) {
    // Revisions written before routing paths were kept route on their files.
    const paths = change.routingPaths.length ? change.routingPaths : change.paths;
    const bySystem = new Map<string, Set<string>>();
    for (const path of paths) {
      const won = ruleOf.get(path);
      if (won)
        bySystem.set(won.systemId, (bySystem.get(won.systemId) ?? new Set()).add(won.ruleId));
    }
    for (const [systemId, ruleIds] of bySystem)
      rows.push({ changeId: change.changeId, systemId, ruleIds: [...ruleIds] });
  }
  const changeIds = open.map((c) => c.changeId);
  return tx.$executeRaw`
    UPDATE "Requirement" q
       SET "ruleIds" = coalesce(ARRAY(SELECT jsonb_array_elements_text(x."ruleIds")), '{}')
      FROM (
        SELECT q2.id, coalesce(n."ruleIds", '[]'::jsonb) AS "ruleIds"
          FROM "Requirement" q2
          LEFT JOIN jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            AS n("changeId" text, "systemId" text, "ruleIds" jsonb)
            ON n."changeId" = q2."changeId" AND n."systemId" = q2."systemId"
         WHERE q2."changeId" = ANY(${changeIds}::text[])
      ) x
     WHERE q.id = x.id
       AND q."ruleIds" IS DISTINCT FROM coalesce(ARRAY(SELECT jsonb_array_elements_text(x."ruleIds")), '{}')`;
}
