// What a review must contain and what it does to the change. Pure; the review use case loads the
// change, asks here, and writes what it is told.
import { RISK_CHECKLIST, type RiskFlag } from "@/lib/domain/risk/flags";
import { canTransition, type Status } from "@/lib/domain/lifecycle/lifecycle";

export type Decision = "APPROVE" | "REQUEST_CHANGES" | "REJECT";

export const MIN_ATTESTATION = 20;

/** Statuses in which a change takes reviews (a deployed emergency change is reviewed afterwards). */
export function isReviewable(status: Status): boolean {
  return canTransition(status, "APPROVE").ok;
}

export interface ReviewDraft {
  decision: Decision;
  comment: string;
  attestation: string;
  checklist: readonly RiskFlag[];
}

/** Every field the review is missing, said to the reviewer. */
export function reviewProblems(
  review: ReviewDraft,
  riskFlags: readonly RiskFlag[],
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (review.decision === "APPROVE") {
    if (review.attestation.length < MIN_ATTESTATION)
      problems.push({
        field: "attestation",
        message: `write at least a sentence (${MIN_ATTESTATION} characters) on what you checked`,
      });
    for (const flag of riskFlags)
      if (!review.checklist.includes(flag))
        problems.push({ field: `checklist.${flag}`, message: `tick "${RISK_CHECKLIST[flag]}"` });
  } else if (review.comment.length < 5) {
    problems.push({
      field: "comment",
      message:
        review.decision === "REJECT" ? "give the reason for rejecting" : "say what needs to change",
    });
  }
  return problems;
}

export type ReviewEffect =
  /** The change closes as rejected; open assignments are released. */
  | { status: "REJECTED"; close: true; notify: "REJECTED" }
  | { status: "CHANGES_REQUESTED"; close: false; notify: "CHANGES_REQUESTED" }
  /** Every requirement is met: approved, open assignments released. */
  | { status: "APPROVED"; close: true; notify: "APPROVED" }
  /** A retrospective approval of a deployed emergency change completes its review. */
  | { status: "DEPLOYED"; close: false; notify: null; retrospectiveDone: boolean }
  | { status: Status; close: false; notify: null };

/** The change's status after a review, given whether every requirement is now met. */
export function statusAfterReview(
  status: Status,
  decision: Decision,
  approved: boolean,
  retrospectiveDue: boolean,
): ReviewEffect {
  if (decision === "REJECT") return { status: "REJECTED", close: true, notify: "REJECTED" };
  if (decision === "REQUEST_CHANGES")
    return { status: "CHANGES_REQUESTED", close: false, notify: "CHANGES_REQUESTED" };
  if (status === "DEPLOYED")
    return { status, close: false, notify: null, retrospectiveDone: approved && retrospectiveDue };
  if (approved && status !== "APPROVED")
    return { status: "APPROVED", close: true, notify: "APPROVED" };
  return { status, close: false, notify: null };
}
