// Where a change's sign-off stands, in words a person reads the same way on the change page, in
// the toast after a review and in the queue: "1 of 2 approvals (Ana Ruiz ✓), 1 more SENIOR+
// needed". Pure.
import { atLeast, type Level } from "@/lib/domain/levels";

export interface ProgressRequirement {
  approvalsRequired: number;
  minLevel: Level;
  principalRequired: boolean;
  frozen: boolean;
  /** Approvals of the current revision that count for this requirement. */
  approvers: { name: string; level: Level }[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}

/** One requirement's progress, e.g. "1 of 2 approvals (Ana Ruiz ✓), 1 more SENIOR+ needed". */
export function progressLine(r: ProgressRequirement): string {
  const counted = r.approvers.filter((a) => atLeast(a.level, r.minLevel));
  const have = Math.min(counted.length, r.approvalsRequired);
  const names = counted.length ? ` (${counted.map((a) => `${a.name} ✓`).join(", ")})` : "";
  const head = `${have} of ${plural(r.approvalsRequired, "approval")}${names}`;
  const missing = r.approvalsRequired - counted.length;
  const needsPrincipal = r.principalRequired && !counted.some((a) => a.level === "PRINCIPAL");
  const level = `${r.minLevel}${r.minLevel === "PRINCIPAL" ? "" : "+"}`;
  const still: string[] = [];
  if (missing > 0) still.push(`${missing} ${counted.length ? "more " : ""}${level} needed`);
  if (needsPrincipal)
    still.push(missing > 0 ? "one of them a PRINCIPAL" : "1 more PRINCIPAL needed");
  if (still.length === 0)
    return `${head}: signed off${r.frozen ? " (frozen: not deployable)" : ""}`;
  return `${head}, ${still.join(", ")}`;
}

/**
 * What a reviewer still waiting in the queue is waiting for: the first review (the SLA clock), or
 * the next approval once someone has approved the current revision.
 */
export function queueStage(approvalsSoFar: number): { label: string; firstReview: boolean } {
  if (approvalsSoFar <= 0) return { label: "First review due", firstReview: true };
  return { label: `awaiting ${ordinal(approvalsSoFar + 1)} approval`, firstReview: false };
}

/** How an assignment reads on a change: open work, done, or let go when the change closed. */
export function assignmentLabel(
  state: "OPEN" | "DONE" | "DISMISSED",
  changeStatus: string,
): "pending" | "reviewed" | "released" {
  if (state === "DONE") return "reviewed";
  if (state === "DISMISSED") return "released";
  return ["WITHDRAWN", "REJECTED", "ROLLED_BACK"].includes(changeStatus) ? "released" : "pending";
}
