// A reviewer's decision on a change: approve (with a written attestation and, for risk-flagged
// changes, the matching checklist), request changes, or reject. One transaction: lock the change,
// check the revision and the reviewer's eligibility again, write the review, recompute the status
// from requirements and reviews, close or keep assignments, notify, and record the event.
import { z } from "zod";
import type { PersonActor } from "@/lib/domain/actor";
import type { Action, Status } from "@/lib/domain/lifecycle/lifecycle";
import { RISK_FLAGS } from "@/lib/domain/risk/flags";
import { isReviewable, reviewProblems, statusAfterReview } from "@/lib/domain/changes/review";
import { measuredSeconds } from "@/lib/domain/changes/timing";
import { rubberStampReasons } from "@/lib/domain/review/rubber-stamp";
import { AppError, notFound, validationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { mutate } from "@/lib/server/audit/mutate";
import { notify } from "@/lib/server/notify";
import { assertStatus } from "./transitions";
import { completeAssignment, refreshRequirementStates, releaseAssignments } from "./writer";
import { db } from "@/lib/db";
import { maybeSampleIn, type SampleOptions } from "./second-look";
import {
  approvalProgress,
  assertMaySee,
  currentApprovalState,
  loadContext,
  lockChange,
  signOffStanding,
} from "./context";

export const reviewInputSchema = z
  .object({
    revision: z.number({ message: "must be the revision number you reviewed" }).int().min(1),
    decision: z.enum(["APPROVE", "REQUEST_CHANGES", "REJECT"], {
      message: "must be APPROVE, REQUEST_CHANGES or REJECT",
    }),
    comment: z.string().trim().max(10_000).default(""),
    attestation: z.string().trim().max(5_000).default(""),
    checklist: z.array(z.enum(RISK_FLAGS)).max(RISK_FLAGS.length).default([]),
    /** With a request for changes: the open conversation threads it points at. */
    threads: z.array(z.string().min(1).max(64)).max(100).default([]),
    /** The browser's own figure: kept as a hint; the server measures the time it counts. */
    secondsSpent: z
      .number()
      .min(0)
      .max(7 * 24 * 3600)
      .optional(),
  })
  .strict();

const ACTION: Record<"APPROVE" | "REQUEST_CHANGES" | "REJECT", Action> = {
  APPROVE: "APPROVE",
  REQUEST_CHANGES: "REQUEST_CHANGES",
  REJECT: "REJECT",
};
const PAST: Record<string, string> = {
  APPROVE: "approved",
  REQUEST_CHANGES: "requested changes on",
  REJECT: "rejected",
};

function reviewNotice(
  kind: "REJECTED" | "CHANGES_REQUESTED" | "APPROVED",
  key: string,
  title: string,
  reviewerName: string,
  facts: { comment: string; deployable: boolean },
) {
  switch (kind) {
    case "REJECTED":
      return {
        kind,
        changeKey: key,
        title: `${key} was rejected`,
        body: `${reviewerName} rejected "${title}": ${facts.comment}`,
      };
    case "CHANGES_REQUESTED":
      return {
        kind,
        changeKey: key,
        title: `Changes requested on ${key}`,
        body: `${reviewerName} asked for changes to "${title}": ${facts.comment}`,
      };
    case "APPROVED":
      return {
        kind,
        changeKey: key,
        title: `${key} is approved`,
        body: `"${title}" has every sign-off it needs${facts.deployable ? "; you can deploy it." : ", but a freeze covers it."}`,
      };
  }
}

export interface ReviewResult {
  key: string;
  status: string;
  /** Where each requirement stands after this review, e.g. "api: 1 of 2 approvals (…), 1 more SENIOR+ needed". */
  progress: string[];
  decision: string;
  possibleRubberStamp: boolean;
  repeated: boolean;
}

export async function reviewChange(
  reviewer: PersonActor,
  key: string,
  raw: unknown,
  /** How a second look is sampled (lib/server/changes/second-look.ts); tests force it. */
  options: { secondLook?: SampleOptions } = {},
): Promise<ReviewResult> {
  const input = parseInput(reviewInputSchema, raw);
  return mutate<ReviewResult>(reviewer, async (tx) => {
    const change = await lockChange(tx, key);
    if (input.revision !== change.currentRevision) {
      throw new AppError(
        "CONFLICT",
        `${key} has a newer revision (${change.currentRevision}) than the one you reviewed (${input.revision}): reload and review revision ${change.currentRevision}.`,
      );
    }
    const ctx = await loadContext(tx, change, { owners: [reviewer.id], reviewer: reviewer.id });
    assertMaySee(ctx, reviewer);
    const standing = signOffStanding(ctx, reviewer);
    if (!standing.mayApprove)
      throw new AppError(
        "FORBIDDEN",
        `You are not an eligible reviewer of ${key} (${standing.why}).`,
      );

    const previous = ctx.reviews.find(
      (r) => r.revision === change.currentRevision && r.reviewerId === reviewer.id,
    );
    if (previous) {
      if (previous.decision === input.decision) {
        // A double click, or a retry: the first one counted; nothing more to write.
        return {
          result: {
            key,
            status: change.status,
            progress: approvalProgress(ctx).map((p) => `${p.systemSlug}: ${p.line}`),
            decision: previous.decision,
            possibleRubberStamp: previous.possibleRubberStamp,
            repeated: true,
          },
          event: null,
        };
      }
      throw new AppError(
        "CONFLICT",
        `You already ${PAST[previous.decision]} revision ${change.currentRevision} of ${key}; a different decision needs a new revision.`,
      );
    }
    assertStatus(change, ACTION[input.decision]);

    const problems = reviewProblems(input, change.riskFlags);
    if (problems.length) throw validationError(problems);
    const threadIds = [...new Set(input.threads)];
    if (threadIds.length) {
      if (input.decision !== "REQUEST_CHANGES")
        throw validationError([
          { field: "threads", message: "only a request for changes points at threads" },
        ]);
      const open = await tx.reviewThread.findMany({
        where: { id: { in: threadIds }, changeId: change.id, resolvedAt: null },
        select: { id: true },
      });
      const missing = threadIds.filter((id) => !open.some((t) => t.id === id));
      if (missing.length)
        throw validationError([
          {
            field: "threads",
            message: `${missing.join(", ")} ${missing.length === 1 ? "is not an open thread" : "are not open threads"} of ${key}`,
          },
        ]);
    }

    // The revision reviewed, as this reviewer met it (read with the context, in one round trip).
    const revision = ctx.reviewerRevision;
    if (!revision) throw new Error(`${key} has no revision ${change.currentRevision}`);
    const viewedPaths = revision.viewed.filter((p) => revision.paths.includes(p));
    const secondsSpent = measuredSeconds({
      openedAt: revision.openedAt,
      firstFileViewAt: revision.firstFileViewAt,
      decidedAt: ctx.now,
    });
    const stamp =
      input.decision === "APPROVE"
        ? rubberStampReasons({
            linesChanged: revision.linesAdded + revision.linesRemoved,
            files: revision.paths.length,
            filesViewed: viewedPaths.length,
            secondsSpent,
          })
        : [];
    const now = ctx.now;
    await tx.review.create({
      data: {
        changeId: change.id,
        revision: change.currentRevision,
        reviewerId: reviewer.id,
        decision: input.decision,
        comment: input.comment,
        attestation: input.attestation,
        checklist: input.checklist,
        secondsSpent,
        clientSecondsSpent:
          input.secondsSpent === undefined ? null : Math.round(input.secondsSpent),
        filesViewed: viewedPaths,
        possibleRubberStamp: stamp.length > 0,
        rubberStampReasons: stamp,
        threadIds,
        createdAt: now,
      },
    });
    ctx.reviews.push({
      reviewerId: reviewer.id,
      name: reviewer.name,
      handle: reviewer.handle,
      level: reviewer.level,
      revision: change.currentRevision,
      decision: input.decision,
      possibleRubberStamp: stamp.length > 0,
      createdAt: now,
    });
    await completeAssignment(tx, change.id, reviewer.id, now);

    const authors = [change.authorId, ...ctx.coAuthorIds];
    const changeData: Record<string, unknown> = {};
    if (!change.firstReviewAt) changeData.firstReviewAt = now;
    const approval = currentApprovalState(ctx);
    await refreshRequirementStates(tx, ctx, approval.views);
    const effect = statusAfterReview(
      change.status,
      input.decision,
      approval.approved,
      change.retrospectiveDueAt !== null,
    );
    const status = effect.status;
    if (status !== change.status) changeData.status = status;
    if (effect.close) await releaseAssignments(tx, change.id, now);
    if (effect.status === "REJECTED") changeData.closedAt = now;
    if (effect.status === "CHANGES_REQUESTED") changeData.approvedAt = null;
    if (effect.notify === "APPROVED") changeData.approvedAt = now;
    const secondLook =
      effect.notify === "APPROVED" ? await maybeSampleIn(tx, ctx, options.secondLook) : null;
    if ("retrospectiveDone" in effect && effect.retrospectiveDone)
      changeData.retrospectiveDoneAt = now;
    if (effect.notify)
      await notify(
        tx,
        authors,
        reviewNotice(effect.notify, key, change.title, reviewer.name, {
          comment: input.comment,
          deployable: approval.deployable,
        }),
      );
    // The authors hear of every review, not only of the ones that move the status.
    else
      await notify(tx, authors, {
        kind: "REVIEWED",
        changeKey: key,
        title: `${reviewer.name} ${PAST[input.decision]} ${key}`,
        body: `${reviewer.name} ${PAST[input.decision]} revision ${change.currentRevision} of "${change.title}". ${approvalProgress(
          ctx,
          approval.views,
        )
          .map((p) => `${p.systemSlug}: ${p.line}`)
          .join(" · ")}`,
      });
    await tx.changeRequest.update({ where: { id: change.id }, data: changeData });

    return {
      result: {
        key,
        status,
        progress: approvalProgress(ctx, approval.views).map((p) => `${p.systemSlug}: ${p.line}`),
        decision: input.decision,
        possibleRubberStamp: stamp.length > 0,
        repeated: false,
      },
      event: {
        action: "review.submitted",
        subjectType: "change",
        subjectId: change.id,
        subjectLabel: key,
        changeKey: key,
        payload: {
          revision: change.currentRevision,
          decision: input.decision,
          status,
          possibleRubberStamp: stamp.length > 0,
          rubberStampReasons: stamp,
          secondsSpent,
          filesViewed: viewedPaths.length,
          linesChanged: revision.linesAdded + revision.linesRemoved,
          ...(threadIds.length ? { threads: threadIds } : {}),
          ...(secondLook ? { secondLook: secondLook.reason } : {}),
        },
      },
    };
  });
}

export const fileViewSchema = z
  .object({
    revision: z.number().int().min(1),
    path: z.string().min(1).max(1000),
    viewed: z.boolean(),
  })
  .strict();

/** A reviewer's "viewed" mark on one file. Only people who may sign the change keep marks. */
export async function markFileViewed(user: PersonActor, key: string, raw: unknown) {
  const input = parseInput(fileViewSchema, raw);
  return mutate(user, async (tx) => {
    const change = await lockChange(tx, key);
    const ctx = await loadContext(tx, change, { owners: [user.id] });
    assertMaySee(ctx, user);
    const standing = signOffStanding(ctx, user);
    if (!standing.mayApprove || !isReviewable(change.status))
      throw new AppError(
        "FORBIDDEN",
        standing.why
          ? `Only people who may review ${key} mark its files viewed (${standing.why}).`
          : `${key} is not open for review.`,
      );
    if (input.revision !== change.currentRevision)
      throw new AppError(
        "CONFLICT",
        `${key} has a newer revision (${change.currentRevision}): reload.`,
      );
    const revision = await tx.revision.findUniqueOrThrow({
      where: { changeId_number: { changeId: change.id, number: change.currentRevision } },
      select: { paths: true },
    });
    if (!revision.paths.includes(input.path))
      throw validationError([
        {
          field: "path",
          message: `"${input.path}" is not a file of revision ${change.currentRevision}`,
        },
      ]);
    const where = {
      changeId_revision_reviewerId_path: {
        changeId: change.id,
        revision: input.revision,
        reviewerId: user.id,
        path: input.path,
      },
    };
    const existing = await tx.fileView.findUnique({ where });
    if (Boolean(existing) === input.viewed)
      return { result: { viewed: input.viewed }, event: null };
    if (input.viewed)
      await tx.fileView.create({
        data: {
          changeId: change.id,
          revision: input.revision,
          reviewerId: user.id,
          path: input.path,
          viewedAt: ctx.now,
        },
      });
    else await tx.fileView.delete({ where });
    return {
      result: { viewed: input.viewed },
      event: {
        action: "review.file_viewed",
        subjectType: "change",
        subjectId: change.id,
        subjectLabel: key,
        changeKey: key,
        payload: { revision: input.revision, path: input.path, viewed: input.viewed },
      },
    };
  });
}

/**
 * A person who may sign the change opened its current revision for review: the start of the time
 * their review is measured by (lib/domain/changes/timing.ts). Recorded once per revision; later
 * opens change nothing. Anyone else opening the page records nothing.
 */
export async function openForReview(
  user: PersonActor,
  key: string,
  options: { now?: Date } = {},
): Promise<{ openedAt: Date | null }> {
  // The usual answer (already open, or not reviewable) in one read, outside any transaction.
  const [seen] = await db.$queryRaw<{ status: Status; openedAt: Date | null }[]>`
    SELECT c.status::text AS status, o."openedAt"
      FROM "ChangeRequest" c
      LEFT JOIN "ReviewOpen" o ON o."changeId" = c.id AND o.revision = c."currentRevision"
       AND o."reviewerId" = ${user.id}
     WHERE c.key = ${key}`;
  if (!seen) throw notFound("No such change.");
  if (seen.openedAt || !isReviewable(seen.status)) return { openedAt: seen.openedAt };
  return mutate<{ openedAt: Date | null }>(user, async (tx) => {
    const change = await lockChange(tx, key, { lock: false });
    const ctx = await loadContext(tx, change, { owners: [user.id], now: options.now });
    if (!signOffStanding(ctx, user).mayApprove) return { result: { openedAt: null }, event: null };
    const [row] = await tx.$queryRaw<{ openedAt: Date }[]>`
      INSERT INTO "ReviewOpen" ("changeId", revision, "reviewerId", "openedAt")
      VALUES (${change.id}, ${change.currentRevision}, ${user.id}, ${ctx.now})
      ON CONFLICT DO NOTHING RETURNING "openedAt"`;
    if (!row) return { result: { openedAt: null }, event: null };
    return {
      result: { openedAt: row.openedAt },
      event: {
        action: "review.opened",
        subjectType: "change",
        subjectId: change.id,
        subjectLabel: key,
        changeKey: key,
        payload: { revision: change.currentRevision },
      },
    };
  });
}
