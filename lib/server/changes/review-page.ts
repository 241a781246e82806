// What the change page shows a signed-in person about reviewing: the current diff, their own
// "viewed" marks, whether they may review (and why not), where the approval stands, and every
// review so far.
import { db } from "@/lib/db";
import type { PersonActor } from "@/lib/domain/actor";
import { isAuthorOrCoAuthor } from "@/lib/domain/changes/people";
import { isReviewable } from "@/lib/domain/changes/review";
import {
  approvalProgress,
  assertMaySee,
  authorshipOf,
  currentApprovalState,
  loadContext,
  lockChange,
  signOffStanding,
} from "./context";

export async function reviewPageData(user: PersonActor, key: string) {
  const change = await lockChange(db, key, { lock: false });
  const ctx = await loadContext(db, change, { owners: [user.id] });
  assertMaySee(ctx, user);
  const [revision, views, reviews] = await Promise.all([
    db.revision.findUniqueOrThrow({
      where: { changeId_number: { changeId: change.id, number: change.currentRevision } },
      select: { diff: true, paths: true },
    }),
    db.fileView.findMany({
      where: { changeId: change.id, revision: change.currentRevision, reviewerId: user.id },
      select: { path: true },
    }),
    db.review.findMany({
      where: { changeId: change.id },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        revision: true,
        decision: true,
        comment: true,
        attestation: true,
        checklist: true,
        secondsSpent: true,
        filesViewed: true,
        possibleRubberStamp: true,
        rubberStampReasons: true,
        createdAt: true,
        reviewer: { select: { name: true, handle: true, level: true } },
      },
    }),
  ]);
  const standing = signOffStanding(ctx, user);
  const mayReview = standing.mayApprove;
  const mine = reviews.find(
    (r) => r.revision === change.currentRevision && r.reviewer.handle === user.handle,
  );
  const approval = currentApprovalState(ctx);
  const isAuthor = isAuthorOrCoAuthor(authorshipOf(ctx), user.id);
  return {
    revision: change.currentRevision,
    diff: revision.diff,
    paths: revision.paths,
    viewed: views.map((v) => v.path),
    canReview: mayReview && !mine && isReviewable(change.status),
    reviewBlockedReason: mine
      ? `You ${mine.decision === "APPROVE" ? "approved" : mine.decision === "REJECT" ? "rejected" : "requested changes on"} revision ${change.currentRevision}.`
      : mayReview
        ? null
        : `You are not an eligible reviewer: ${standing.why}.`,
    riskFlags: change.riskFlags,
    /** systemSlug -> where its requirement stands, in words. */
    progress: Object.fromEntries(
      approvalProgress(ctx, approval.views).map((p) => [p.systemSlug, p.line]),
    ),
    approval: {
      approved: approval.approved,
      deployable: approval.deployable,
      reason: approval.reason,
    },
    isAuthor,
    reviews,
  };
}

export type ReviewPageData = Awaited<ReturnType<typeof reviewPageData>>;
