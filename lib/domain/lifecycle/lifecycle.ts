// The change lifecycle (docs/architecture.md, "Lifecycle"), pure:
//   DRAFT -> PENDING -> CHANGES_REQUESTED <-> PENDING (new revision) -> APPROVED -> DEPLOYED -> ROLLED_BACK
//   PENDING | CHANGES_REQUESTED -> REJECTED (a reviewer, with a reason) | WITHDRAWN (the author)
// APPROVED is computed from requirements and reviews (approvalState), never set by hand.
import { atLeast, type Level } from "@/lib/domain/levels";

export const STATUSES = [
  "DRAFT",
  "PENDING",
  "CHANGES_REQUESTED",
  "APPROVED",
  "DEPLOYED",
  "ROLLED_BACK",
  "REJECTED",
  "WITHDRAWN",
] as const;
export type Status = (typeof STATUSES)[number];

export type Action =
  | "SUBMIT"
  | "WITHDRAW"
  | "NEW_REVISION"
  | "REQUEST_CHANGES"
  | "REJECT"
  | "APPROVE"
  | "DEPLOY"
  | "ROLL_BACK";

const ALLOWED: Record<Action, Status[]> = {
  SUBMIT: ["DRAFT"],
  WITHDRAW: ["DRAFT", "PENDING", "CHANGES_REQUESTED", "APPROVED"],
  NEW_REVISION: ["PENDING", "CHANGES_REQUESTED", "APPROVED"],
  REQUEST_CHANGES: ["PENDING", "APPROVED"],
  REJECT: ["PENDING", "CHANGES_REQUESTED", "APPROVED"],
  // A deployed emergency change is approved retrospectively by the full requirement.
  APPROVE: ["PENDING", "CHANGES_REQUESTED", "APPROVED", "DEPLOYED"],
  DEPLOY: ["APPROVED", "PENDING"],
  ROLL_BACK: ["DEPLOYED"],
};

const VERB: Record<Action, string> = {
  SUBMIT: "submit",
  WITHDRAW: "withdraw",
  NEW_REVISION: "upload a new revision to",
  REQUEST_CHANGES: "request changes on",
  REJECT: "reject",
  APPROVE: "approve",
  DEPLOY: "mark deployed",
  ROLL_BACK: "mark rolled back",
};

export type Verdict = { ok: true } | { ok: false; reason: string };

export function canTransition(status: Status, action: Action): Verdict {
  if (ALLOWED[action].includes(status)) return { ok: true };
  return {
    ok: false,
    reason: `You cannot ${VERB[action]} a change that is ${status.toLowerCase().replace("_", " ")}.`,
  };
}

export interface ApproverView {
  reviewerId: string;
  level: Level;
}

export interface RequirementView {
  systemSlug: string;
  approvalsRequired: number;
  minLevel: Level;
  principalRequired: boolean;
  frozen: boolean;
  emergencyApprovals: number | null;
  /** Approvals of the current revision by people eligible for this requirement. */
  approvers: ApproverView[];
}

export function requirementSatisfied(r: RequirementView): boolean {
  const qualified = r.approvers.filter((a) => atLeast(a.level, r.minLevel));
  const distinct = new Set(qualified.map((a) => a.reviewerId));
  return (
    distinct.size >= r.approvalsRequired &&
    (!r.principalRequired || qualified.some((a) => a.level === "PRINCIPAL"))
  );
}

/** The emergency path: one SENIOR+ owner approval per requirement (policy rule 6, docs/architecture.md). */
export function emergencyMinimumMet(r: RequirementView): boolean {
  const seniors = new Set(
    r.approvers.filter((a) => atLeast(a.level, "SENIOR")).map((a) => a.reviewerId),
  );
  return seniors.size >= (r.emergencyApprovals ?? 1);
}

export interface ApprovalInput {
  requirements: RequirementView[];
  /** Someone eligible requested changes or rejected and has not approved a later revision. */
  blockedBy: string[];
  emergency: boolean;
}

export interface ApprovalState {
  approved: boolean;
  /** May be marked deployed now (approved and not frozen, or the emergency minimum). */
  deployable: boolean;
  satisfied: string[];
  missing: string[];
  reason: string;
}

export function approvalState(input: ApprovalInput): ApprovalState {
  const satisfied = input.requirements.filter(requirementSatisfied).map((r) => r.systemSlug);
  const missing = input.requirements
    .filter((r) => !requirementSatisfied(r))
    .map((r) => r.systemSlug);
  const blocked = input.blockedBy.length > 0;
  const approved = input.requirements.length > 0 && missing.length === 0 && !blocked;
  const frozen = input.requirements.some((r) => r.frozen);
  const emergencyReady =
    input.emergency &&
    !blocked &&
    input.requirements.length > 0 &&
    input.requirements.every(emergencyMinimumMet);
  const deployable = (approved && !frozen) || emergencyReady;
  const reason = blocked
    ? `Blocked: changes requested by ${input.blockedBy.join(", ")}.`
    : approved
      ? frozen
        ? "Approved, but a freeze covers it: it cannot be deployed until the freeze ends."
        : "Every requirement is satisfied for the current revision."
      : emergencyReady
        ? `Emergency: deployable with the senior approval it has; the full review (${missing.join(", ")}) is due within 24 hours.`
        : `Waiting for approvals on ${missing.join(", ")}.`;
  return { approved, deployable, satisfied, missing, reason };
}
