// A reviewer's decision on a change: approve (with a written attestation and, for risk-flagged
// changes, the matching checklist), request changes, or reject. One transaction: lock the change,
// check the revision and the reviewer's eligibility again, write the review, recompute the status
// from requirements and reviews, close or keep assignments, notify, and record the event.
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/session";
import type { Action } from "@/lib/domain/lifecycle/lifecycle";
import { RISK_CHECKLIST, RISK_FLAGS } from "@/lib/domain/risk/flags";
import { rubberStampReasons } from "@/lib/domain/review/rubber-stamp";
import { AppError, validationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { mutate, userActor } from "@/lib/server/audit/mutate";
import { notify } from "@/lib/server/notify";
import { assertStatus, closeOpenAssignments, refreshRequirementStates } from "./transitions";
import { currentApprovalState, loadContext, lockChange, verdictsFor } from "./context";

export const reviewInputSchema = z
  .object({
    revision: z.number({ message: "must be the revision number you reviewed" }).int().min(1),
    decision: z.enum(["APPROVE", "REQUEST_CHANGES", "REJECT"], {
      message: "must be APPROVE, REQUEST_CHANGES or REJECT",
    }),
    comment: z.string().trim().max(10_000).default(""),
    attestation: z.string().trim().max(5_000).default(""),
    checklist: z.array(z.enum(RISK_FLAGS)).max(RISK_FLAGS.length).default([]),
    secondsSpent: z
      .number()
      .min(0)
      .max(7 * 24 * 3600)
      .default(0),
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

export interface ReviewResult {
  key: string;
  status: string;
  decision: string;
  possibleRubberStamp: boolean;
  repeated: boolean;
}

export async function reviewChange(
  reviewer: SessionUser,
  key: string,
  raw: unknown,
): Promise<ReviewResult> {
  const input = parseInput(reviewInputSchema, raw);
  return mutate<ReviewResult>(userActor(reviewer), async (tx) => {
    const change = await lockChange(tx, key);
    if (input.revision !== change.currentRevision) {
      throw new AppError(
        "CONFLICT",
        `${key} has a newer revision (${change.currentRevision}) than the one you reviewed (${input.revision}): reload and review revision ${change.currentRevision}.`,
      );
    }
    const ctx = await loadContext(tx, change, { owners: [reviewer.id] });
    const verdicts = verdictsFor(ctx, reviewer.id, reviewer);
    if (!verdicts.some((v) => v.verdict.mayApprove)) {
      const why =
        [...new Set(verdicts.map((v) => v.verdict.reason.replace(/^excluded: /, "")))].join("; ") ||
        "the change has no requirements";
      throw new AppError("FORBIDDEN", `You are not an eligible reviewer of ${key} (${why}).`);
    }

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

    const problems: { field: string; message: string }[] = [];
    if (input.decision === "APPROVE") {
      if (input.attestation.length < 20)
        problems.push({
          field: "attestation",
          message: "write at least a sentence (20 characters) on what you checked",
        });
      for (const flag of change.riskFlags) {
        if (!input.checklist.includes(flag))
          problems.push({ field: `checklist.${flag}`, message: `tick "${RISK_CHECKLIST[flag]}"` });
      }
    } else if (input.comment.length < 5) {
      problems.push({
        field: "comment",
        message:
          input.decision === "REJECT"
            ? "give the reason for rejecting"
            : "say what needs to change",
      });
    }
    if (problems.length) throw validationError(problems);

    // The revision reviewed and the files this reviewer marked viewed in it, in one round trip.
    const [revision] = await tx.$queryRaw<
      { paths: string[]; linesAdded: number; linesRemoved: number; viewed: string[] }[]
    >`
      SELECT v.paths, v."linesAdded", v."linesRemoved",
        ARRAY(SELECT f.path FROM "FileView" f WHERE f."changeId" = v."changeId"
          AND f.revision = v.number AND f."reviewerId" = ${reviewer.id}) AS viewed
      FROM "Revision" v WHERE v."changeId" = ${change.id} AND v.number = ${change.currentRevision}`;
    if (!revision) throw new Error(`${key} has no revision ${change.currentRevision}`);
    const viewedPaths = revision.viewed.filter((p) => revision.paths.includes(p));
    const stamp =
      input.decision === "APPROVE"
        ? rubberStampReasons({
            linesChanged: revision.linesAdded + revision.linesRemoved,
            files: revision.paths.length,
            filesViewed: viewedPaths.length,
            secondsSpent: input.secondsSpent,
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
        secondsSpent: Math.round(input.secondsSpent),
        filesViewed: viewedPaths,
        possibleRubberStamp: stamp.length > 0,
        rubberStampReasons: stamp,
        createdAt: now,
      },
    });
    ctx.reviews.push({
      reviewerId: reviewer.id,
      handle: reviewer.handle,
      level: reviewer.level,
      revision: change.currentRevision,
      decision: input.decision,
      possibleRubberStamp: stamp.length > 0,
      createdAt: now,
    });
    await tx.assignment.updateMany({
      where: { changeId: change.id, reviewerId: reviewer.id, state: "OPEN" },
      data: { state: "DONE", completedAt: now },
    });

    const authors = [change.authorId, ...ctx.coAuthorIds];
    let status = change.status;
    const changeData: Record<string, unknown> = {};
    if (!change.firstReviewAt) changeData.firstReviewAt = now;
    const approval = currentApprovalState(ctx);
    await refreshRequirementStates(tx, ctx, approval.views);
    if (input.decision === "REJECT") {
      status = "REJECTED";
      Object.assign(changeData, { status, closedAt: now });
      await closeOpenAssignments(tx, change.id, now);
      await notify(tx, authors, {
        kind: "REJECTED",
        changeKey: key,
        title: `${key} was rejected`,
        body: `${reviewer.name} rejected "${change.title}": ${input.comment}`,
      });
    } else if (input.decision === "REQUEST_CHANGES") {
      status = "CHANGES_REQUESTED";
      Object.assign(changeData, { status, approvedAt: null });
      await notify(tx, authors, {
        kind: "CHANGES_REQUESTED",
        changeKey: key,
        title: `Changes requested on ${key}`,
        body: `${reviewer.name} asked for changes to "${change.title}": ${input.comment}`,
      });
    } else if (change.status === "DEPLOYED") {
      if (approval.approved && change.retrospectiveDueAt) changeData.retrospectiveDoneAt = now;
    } else if (approval.approved && change.status !== "APPROVED") {
      status = "APPROVED";
      Object.assign(changeData, { status, approvedAt: now });
      await closeOpenAssignments(tx, change.id, now);
      await notify(tx, authors, {
        kind: "APPROVED",
        changeKey: key,
        title: `${key} is approved`,
        body: `"${change.title}" has every sign-off it needs${approval.deployable ? "; you can deploy it." : ", but a freeze covers it."}`,
      });
    }
    await tx.changeRequest.update({ where: { id: change.id }, data: changeData });

    return {
      result: {
        key,
        status,
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
          secondsSpent: Math.round(input.secondsSpent),
          filesViewed: viewedPaths.length,
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

/** A reviewer's "viewed" mark on one file. Anyone who may open the change can keep their own marks. */
export async function markFileViewed(user: SessionUser, key: string, raw: unknown) {
  const input = parseInput(fileViewSchema, raw);
  return mutate(userActor(user), async (tx) => {
    const change = await lockChange(tx, key);
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
