// The author's transitions: withdraw, upload a new revision, mark deployed, mark rolled back.
// Each locks the change, checks the lifecycle, writes, notifies and records in one transaction.
import { z } from "zod";
import { auditActorOf, type PersonActor } from "@/lib/domain/actor";
import type { Tx } from "@/lib/db";
import type { AiExtent } from "@/lib/domain/policy/minimum-level";
import { canTransition, type Action } from "@/lib/domain/lifecycle/lifecycle";
import { DiffError } from "@/lib/domain/diff/parse";
import { changeContent, type ChangeContent } from "@/lib/domain/changes/content";
import { routingRequest } from "@/lib/domain/changes/routing-request";
import { RISK_FLAGS } from "@/lib/domain/risk/flags";
import { DEFAULT_POLICY } from "@/lib/domain/policy/engine";
import { AppError, validationError } from "@/lib/errors";
import { dateTime, parseInput } from "@/lib/validation";
import { mutate, type MutationOutcome } from "@/lib/server/audit/mutate";
import { notify } from "@/lib/server/notify";
import { routeChange } from "@/lib/server/routing/route";
import { commitField, diffField, gitPaths } from "./input";
import {
  assignReviewers,
  releaseAssignments,
  writeChangeSystems,
  writeRevision,
  writeRouting,
} from "./writer";
import {
  assertAuthor,
  changeSubject,
  currentApprovalState,
  loadContext,
  lockChange,
  type ChangeContext,
  type LockedChange,
} from "./context";

export function assertStatus(change: LockedChange, action: Action) {
  const verdict = canTransition(change.status, action);
  if (!verdict.ok) throw new AppError("CONFLICT", `${change.key}: ${verdict.reason}`);
}

const keyed = changeSubject;

export const withdrawSchema = z
  .object({
    reason: z
      .string({ message: "must be text" })
      .trim()
      .max(2000, "must be at most 2000 characters")
      .default("")
      .meta({
        description: "Why it is withdrawn (told to the reviewers, kept in the audit trail)",
      }),
  })
  .strict();

export async function withdrawChange(user: PersonActor, key: string, raw: unknown = {}) {
  const { reason } = parseInput(withdrawSchema, raw);
  return mutate(user, async (tx) => {
    const change = await lockChange(tx, key);
    const ctx = await loadContext(tx, change);
    assertAuthor(ctx, user.id);
    const outcome = await withdrawIn(tx, change, reason);
    const reviewers = [...new Set(ctx.reviews.map((r) => r.reviewerId))];
    if (outcome.event && reviewers.length)
      await notify(tx, reviewers, {
        kind: "REVIEWED",
        changeKey: key,
        title: `${key} was withdrawn`,
        body: `${user.name} withdrew "${change.title}"${reason ? `: ${reason}` : "."}`,
      });
    return outcome;
  });
}

/** Withdraws a locked change inside the caller's transaction (the caller has authorised it). */
export async function withdrawIn(
  tx: Tx,
  change: LockedChange,
  reason = "",
): Promise<MutationOutcome<{ key: string; status: string }>> {
  const key = change.key;
  if (change.status === "WITHDRAWN") return { result: { key, status: change.status }, event: null };
  assertStatus(change, "WITHDRAW");
  const now = new Date();
  await tx.changeRequest.update({
    where: { id: change.id },
    data: { status: "WITHDRAWN", closedAt: now },
  });
  await releaseAssignments(tx, change.id, now);
  return {
    result: { key, status: "WITHDRAWN" },
    event: {
      ...keyed(change),
      action: "change.withdrawn",
      payload: { from: change.status, ...(reason ? { reason } : {}) },
    },
  };
}

export const deploymentSchema = z
  .object({
    kind: z
      .enum(["deployed", "rolled_back"], "must be deployed or rolled_back")
      .default("deployed"),
    environment: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, "must be an environment name such as production"),
    commit: commitField,
    at: dateTime.optional().meta({ description: "When it happened (now when left out)" }),
    reason: z.string().trim().max(2000, "must be at most 2000 characters").optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.kind === "rolled_back" && (d.reason ?? "").length < 5)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "say why it was rolled back" });
  });

/** Deployments may be recorded by the change's authors, or by an admin (a pipeline's owner). */
function assertMayRecordDeployment(ctx: ChangeContext, user: PersonActor) {
  if (user.roles.includes("ADMIN")) return;
  assertAuthor(ctx, user.id);
}

/**
 * A deployment or a rollback, as a pipeline or the author reports it: where, which commit, when.
 * The first deployment marks the change deployed (the time the incident suspects read); a later
 * one to another environment is recorded too, and only while the gate still allows the change.
 */
export async function recordDeployment(user: PersonActor, key: string, raw: unknown) {
  const input = parseInput(deploymentSchema, raw);
  const now = new Date();
  const at = input.at ?? now;
  if (at.getTime() > now.getTime() + 5 * 60_000)
    throw validationError([{ field: "at", message: "must not be in the future" }]);
  return mutate<{ key: string; status: "DEPLOYED" | "ROLLED_BACK" }>(user, async (tx) => {
    const change = await lockChange(tx, key);
    const ctx = await loadContext(tx, change);
    assertMayRecordDeployment(ctx, user);
    const where = {
      environment: input.environment,
      commit: input.commit ?? null,
      at: at.toISOString(),
    };
    const record = (kind: "DEPLOYED" | "ROLLED_BACK") =>
      tx.deployment.create({
        data: {
          changeId: change.id,
          kind,
          environment: input.environment,
          commitSha: input.commit ?? null,
          at,
          reason: input.reason ?? null,
          recordedBy: auditActorOf(user).name,
        },
      });

    if (input.kind === "rolled_back") {
      assertStatus(change, "ROLL_BACK");
      await record("ROLLED_BACK");
      await tx.changeRequest.update({
        where: { id: change.id },
        data: { status: "ROLLED_BACK", rolledBackAt: at },
      });
      return {
        result: { key, status: "ROLLED_BACK" },
        event: {
          ...keyed(change),
          action: "change.rolled_back",
          payload: { reason: input.reason!, ...where },
        },
      };
    }

    const approval = currentApprovalState(ctx);
    if (change.status !== "DEPLOYED") assertStatus(change, "DEPLOY");
    if (!approval.deployable)
      throw new AppError("CONFLICT", `${key} cannot be deployed yet: ${approval.reason}`);
    await record("DEPLOYED");
    if (change.status === "DEPLOYED")
      return {
        result: { key, status: "DEPLOYED" },
        event: {
          ...keyed(change),
          action: "change.deployment_recorded",
          payload: { kind: "DEPLOYED" as const, ...where },
        },
      };
    const retrospectiveDueAt = approval.approved
      ? null
      : new Date(at.getTime() + DEFAULT_POLICY.retrospectiveHours * 3600_000);
    await tx.changeRequest.update({
      where: { id: change.id },
      data: { status: "DEPLOYED", deployedAt: at, retrospectiveDueAt },
    });
    return {
      result: { key, status: "DEPLOYED" },
      event: {
        ...keyed(change),
        action: "change.deployed",
        payload: {
          emergency: change.emergency,
          retrospectiveDueAt: retrospectiveDueAt?.toISOString() ?? null,
          ...where,
        },
      },
    };
  });
}

/** The author marks the change deployed to production now (the same use case as the API's). */
export async function deployChange(
  user: PersonActor,
  key: string,
  details: { environment?: string; commit?: string; at?: string } = {},
) {
  return recordDeployment(user, key, { kind: "deployed", environment: "production", ...details });
}

/** The author marks the change rolled back in production now, saying why. */
export async function rollBackChange(user: PersonActor, key: string, raw: unknown) {
  const reason = (raw as { reason?: unknown } | null)?.reason;
  return recordDeployment(user, key, { kind: "rolled_back", environment: "production", reason });
}

export const revisionSchema = z
  .object({
    diff: diffField,
    commit: commitField,
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
  const revision = prepareRevision(raw);
  return mutate(user, async (tx) => {
    const change = await lockChange(tx, key);
    const ctx = await loadContext(tx, change);
    assertAuthor(ctx, user.id);
    return reviseIn(tx, change, ctx, revision, user.name);
  });
}

export interface PreparedRevision {
  input: z.output<typeof revisionSchema>;
  content: ChangeContent;
  /** A new AI disclosure that comes with the revision (a pull request's edited description). */
  aiExtent?: AiExtent;
}

/** Validates a revision and reads its diff (outside any transaction). */
export function prepareRevision(raw: unknown): PreparedRevision {
  const input = parseInput(revisionSchema, raw);
  try {
    return { input, content: changeContent(input) };
  } catch (error) {
    if (error instanceof DiffError)
      throw validationError([{ field: "diff", message: error.message }]);
    throw error;
  }
}

/**
 * Writes a new revision of a locked change inside the caller's transaction (the caller has
 * authorised it); `by` names who uploaded it in the reviewers' notification.
 */
export async function reviseIn(
  tx: Tx,
  change: LockedChange,
  ctx: ChangeContext,
  { input, content, aiExtent: newExtent }: PreparedRevision,
  by: string,
): Promise<MutationOutcome<{ key: string; status: string; revision: number }>> {
  const key = change.key;
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
      aiExtent: newExtent ?? row.aiExtent,
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
  await writeRevision(
    tx,
    change.id,
    revision,
    {
      ...content,
      diff: input.diff ?? null,
      riskHits: routing.riskHits,
    },
    input.commit ?? null,
    input.note,
  );
  await tx.changeRequest.update({
    where: { id: change.id },
    data: {
      currentRevision: revision,
      status: "PENDING",
      aiExtent: newExtent ?? row.aiExtent,
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
  const body = `${by} uploaded revision ${revision} of "${change.title}"${input.note ? `: ${input.note}` : "."} Earlier approvals no longer count.`;
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
        ...(input.note ? { note: input.note } : {}),
        dismissedApprovals: dismissed,
        systems: routing.systems.map((s) => s.slug),
        assigned: fresh.map((id) => handles.get(id)!),
        kept: engaged.map((id) => handles.get(id)!),
        ...(newExtent && newExtent !== row.aiExtent
          ? { aiExtent: { from: row.aiExtent, to: newExtent } }
          : {}),
      },
    },
  };
}
