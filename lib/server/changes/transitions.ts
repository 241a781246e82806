// The author's transitions: withdraw, upload a new revision, mark deployed, mark rolled back.
// Each locks the change, checks the lifecycle, writes, notifies and records in one transaction.
import { z } from "zod";
import type { PersonActor } from "@/lib/domain/actor";
import { canTransition, type Action } from "@/lib/domain/lifecycle/lifecycle";
import { DiffError } from "@/lib/domain/diff/parse";
import { changeContent, type ChangeContent } from "@/lib/domain/changes/content";
import { routingRequest } from "@/lib/domain/changes/routing-request";
import { RISK_FLAGS } from "@/lib/domain/risk/flags";
import { DEFAULT_POLICY } from "@/lib/domain/policy/engine";
import { AppError, validationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { mutate } from "@/lib/server/audit/mutate";
import { notify } from "@/lib/server/notify";
import { routeChange } from "@/lib/server/routing/route";
import { MAX_DIFF_BYTES, gitPaths } from "./input";
import {
  assignReviewers,
  releaseAssignments,
  writeChangeSystems,
  writeRevision,
  writeRouting,
} from "./writer";
import {
  assertAuthor,
  currentApprovalState,
  loadContext,
  lockChange,
  type LockedChange,
} from "./context";

export function assertStatus(change: LockedChange, action: Action) {
  const verdict = canTransition(change.status, action);
  if (!verdict.ok) throw new AppError("CONFLICT", `${change.key}: ${verdict.reason}`);
}

const keyed = (change: LockedChange) => ({
  subjectType: "change" as const,
  subjectId: change.id,
  subjectLabel: change.key,
  changeKey: change.key,
});

export async function withdrawChange(user: PersonActor, key: string) {
  return mutate(user, async (tx) => {
    const change = await lockChange(tx, key);
    const ctx = await loadContext(tx, change);
    assertAuthor(ctx, user.id);
    if (change.status === "WITHDRAWN")
      return { result: { key, status: change.status }, event: null };
    assertStatus(change, "WITHDRAW");
    const now = new Date();
    await tx.changeRequest.update({
      where: { id: change.id },
      data: { status: "WITHDRAWN", closedAt: now },
    });
    await releaseAssignments(tx, change.id, now);
    return {
      result: { key, status: "WITHDRAWN" },
      event: { ...keyed(change), action: "change.withdrawn", payload: { from: change.status } },
    };
  });
}

export async function deployChange(user: PersonActor, key: string) {
  return mutate(user, async (tx) => {
    const change = await lockChange(tx, key);
    const ctx = await loadContext(tx, change);
    assertAuthor(ctx, user.id);
    if (change.status === "DEPLOYED")
      return { result: { key, status: change.status }, event: null };
    assertStatus(change, "DEPLOY");
    const approval = currentApprovalState(ctx);
    if (!approval.deployable)
      throw new AppError("CONFLICT", `${key} cannot be deployed yet: ${approval.reason}`);
    const now = new Date();
    const retrospectiveDueAt = approval.approved
      ? null
      : new Date(now.getTime() + DEFAULT_POLICY.retrospectiveHours * 3600_000);
    await tx.changeRequest.update({
      where: { id: change.id },
      data: { status: "DEPLOYED", deployedAt: now, retrospectiveDueAt },
    });
    return {
      result: { key, status: "DEPLOYED" },
      event: {
        ...keyed(change),
        action: "change.deployed",
        payload: {
          emergency: change.emergency,
          retrospectiveDueAt: retrospectiveDueAt?.toISOString() ?? null,
        },
      },
    };
  });
}

const rollbackSchema = z
  .object({ reason: z.string().trim().min(5, "say why it was rolled back").max(2000) })
  .strict();

export async function rollBackChange(user: PersonActor, key: string, raw: unknown) {
  const input = parseInput(rollbackSchema, raw);
  return mutate(user, async (tx) => {
    const change = await lockChange(tx, key);
    const ctx = await loadContext(tx, change);
    assertAuthor(ctx, user.id);
    assertStatus(change, "ROLL_BACK");
    await tx.changeRequest.update({
      where: { id: change.id },
      data: { status: "ROLLED_BACK", rolledBackAt: new Date() },
    });
    return {
      result: { key, status: "ROLLED_BACK" },
      event: { ...keyed(change), action: "change.rolled_back", payload: { reason: input.reason } },
    };
  });
}

export const revisionSchema = z
  .object({
    diff: z
      .string()
      .max(MAX_DIFF_BYTES + 1, "is larger than 5 MB")
      .refine((d) => Buffer.byteLength(d) <= MAX_DIFF_BYTES, "is larger than 5 MB")
      .optional(),
    paths: gitPaths,
    linesChanged: z.number().int().min(0).max(10_000_000).optional(),
    riskFlags: z.array(z.enum(RISK_FLAGS)).default([]),
    note: z.string().trim().max(2000).default(""),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (!r.diff?.trim() && r.paths.length === 0)
      ctx.addIssue({
        code: "custom",
        path: ["diff"],
        message: "give the new diff, or list the changed paths",
      });
    if (!r.diff?.trim() && r.paths.length > 0 && r.linesChanged === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["linesChanged"],
        message: "is required without a diff",
      });
  });

/**
 * A new revision: earlier approvals stop counting, routing runs again on the new paths, reviewers
 * who already engaged stay on it (and are told), and the change is pending review again.
 */
export async function reviseChange(user: PersonActor, key: string, raw: unknown) {
  const input = parseInput(revisionSchema, raw);
  let content: ChangeContent;
  try {
    content = changeContent(input);
  } catch (error) {
    if (error instanceof DiffError)
      throw validationError([{ field: "diff", message: error.message }]);
    throw error;
  }
  return mutate(user, async (tx) => {
    const change = await lockChange(tx, key);
    const ctx = await loadContext(tx, change);
    assertAuthor(ctx, user.id);
    assertStatus(change, "NEW_REVISION");
    const row = await tx.changeRequest.findUniqueOrThrow({
      where: { id: change.id },
      select: {
        aiExtent: true,
        riskFlags: true,
        emergency: true,
        repository: { select: { name: true } },
        author: { select: { id: true, level: true } },
        systems: { where: { source: "ADDED" }, select: { system: { select: { slug: true } } } },
      },
    });
    const { paths, linesAdded, linesRemoved } = content;
    const engaged = [
      ...new Set([
        ...ctx.reviews.map((r) => r.reviewerId),
        ...(
          await tx.assignment.findMany({
            where: { changeId: change.id },
            select: { reviewerId: true },
          })
        ).map((a) => a.reviewerId),
      ]),
    ];
    const now = new Date();
    const routing = await routeChange(
      tx,
      routingRequest({
        author: row.author,
        coAuthorIds: ctx.coAuthorIds,
        repository: row.repository.name,
        content,
        aiExtent: row.aiExtent,
        riskFlags: [...row.riskFlags, ...input.riskFlags],
        emergency: row.emergency,
        addedSystemSlugs: row.systems.map((s) => s.system.slug),
        keepReviewerIds: engaged,
      }),
      now,
    );
    const revision = change.currentRevision + 1;
    const dismissed = ctx.reviews.filter(
      (r) => r.revision === change.currentRevision && r.decision === "APPROVE",
    ).length;
    await writeRevision(tx, change.id, revision, {
      ...content,
      diff: input.diff ?? null,
      riskHits: routing.riskHits,
    });
    await tx.changeRequest.update({
      where: { id: change.id },
      data: {
        currentRevision: revision,
        status: "PENDING",
        approvedAt: null,
        linesAdded,
        linesRemoved,
        filesChanged: paths.length,
        riskFlags: routing.riskFlags,
        detectedRiskFlags: routing.detectedFlags,
      },
    });
    await writeChangeSystems(tx, change.id, routing);
    const written = { id: change.id, revision, linesChanged: linesAdded + linesRemoved };
    await writeRouting(tx, written, routing, now);
    // Everyone who already engaged is back on it for the new revision.
    await assignReviewers(
      tx,
      written,
      engaged.map((reviewerId) => ({
        reviewerId,
        reason: "reviewed an earlier revision",
        systemIds: [],
      })),
      { now, restartClock: false, keepReason: true },
    );
    const fresh = routing.reviewers.map((r) => r.id).filter((id) => !engaged.includes(id));
    const body = `${user.name} uploaded revision ${revision} of "${change.title}"${input.note ? `: ${input.note}` : "."} Earlier approvals no longer count.`;
    await notify(tx, engaged, {
      kind: "NEW_REVISION",
      changeKey: key,
      title: `New revision of ${key}`,
      body,
    });
    await notify(tx, fresh, {
      kind: "ASSIGNED",
      changeKey: key,
      title: `${key} is assigned to you`,
      body: `Please review "${change.title}".`,
    });
    const handles = new Map(
      (
        await tx.user.findMany({
          where: { id: { in: [...engaged, ...fresh] } },
          select: { id: true, handle: true },
        })
      ).map((u) => [u.id, `@${u.handle}`]),
    );
    return {
      result: { key, status: "PENDING", revision },
      event: {
        ...keyed(change),
        action: "change.revised",
        payload: {
          revision,
          from: change.status,
          dismissedApprovals: dismissed,
          systems: routing.systems.map((s) => s.slug),
          assigned: fresh.map((id) => handles.get(id)!),
          kept: engaged.map((id) => handles.get(id)!),
        },
      },
    };
  });
}
