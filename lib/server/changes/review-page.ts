// What the change page shows a signed-in person about reviewing: the current diff, their own
// "viewed" marks, whether they may review (and why not), where the approval stands, and every
// review so far.
import { db } from "@/lib/db";
import type { PersonActor } from "@/lib/domain/actor";
import { isAuthorOrCoAuthor } from "@/lib/domain/changes/people";
import { isReviewable } from "@/lib/domain/changes/review";
import { can } from "@/lib/authz/can";
import { seesStampFlag } from "@/lib/domain/review/rubber-stamp";
import { aiWrittenRegions } from "@/lib/domain/transcripts/ai-wrote";
import { threadsOf } from "./threads";
import { transcriptsOf } from "./transcripts";
import { secondLooksOf } from "./second-look";
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
  const [revision, views, reviews, transcripts, secondLooks] = await Promise.all([
    db.revision.findUniqueOrThrow({
      where: { changeId_number: { changeId: change.id, number: change.currentRevision } },
      select: {
        diff: true,
        paths: true,
        note: true,
        linesAdded: true,
        linesRemoved: true,
        change: { select: { aiWrote: true, aiSessionUrl: true } },
      },
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
        reviewer: { select: { id: true, name: true, handle: true, level: true } },
      },
    }),
    transcriptsOf(change.id),
    secondLooksOf(change.id),
  ]);
  // Threads are placed in the current revision's diff, so they follow its read.
  const threads = await threadsOf(change.id, change.currentRevision, revision.diff);
  const disclosure = revision.change;
  const standing = signOffStanding(ctx, user);
  const mayReview = standing.mayApprove;
  const mine = reviews.find(
    (r) => r.revision === change.currentRevision && r.reviewer.handle === user.handle,
  );
  const approval = currentApprovalState(ctx);
  const isAuthor = isAuthorOrCoAuthor(authorshipOf(ctx), user.id);
  const oversees = can(user, "dashboard:read");
  const myLook = secondLooks.find((l) => l.reviewer.id === user.id && l.verdict === null);
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
    // The rubber-stamp flag only for those who may see it (lib/domain/review/rubber-stamp.ts).
    reviews: reviews.map((r) =>
      seesStampFlag({
        id: user.id,
        oversees,
        reviewerId: r.reviewer.id,
        hasDecided: Boolean(mine),
      })
        ? r
        : { ...r, possibleRubberStamp: false, rubberStampReasons: [] },
    ),
    /** Whether this person sees rubber-stamp flags on reviews not their own. */
    seesStamps: oversees || Boolean(mine),
    linesChanged: revision.linesAdded + revision.linesRemoved,
    revisionNote: revision.note,
    threads,
    canComment: true,
    resolveRight: { any: isAuthor || mayReview, handle: user.handle },
    transcripts,
    sessionUrl: disclosure.aiSessionUrl,
    canUpload: isAuthor,
    aiWritten: Object.fromEntries(aiWrittenRegions(disclosure.aiWrote, revision.paths)),
    secondLooks: secondLooks.map((l) => ({
      ...l,
      // Who took it and what they said, for managers and for them; others see that one was taken.
      comment: oversees || l.reviewer.id === user.id ? l.comment : "",
    })),
    mySecondLook: myLook ? { id: myLook.id, revision: myLook.revision } : null,
    mayAskSecondLook:
      oversees &&
      ["APPROVED", "DEPLOYED", "ROLLED_BACK"].includes(change.status) &&
      !secondLooks.some((l) => l.revision === change.currentRevision),
  };
}

export type ReviewPageData = Awaited<ReturnType<typeof reviewPageData>>;
