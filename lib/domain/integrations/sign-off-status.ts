// The commit status `countersign/sign-off` a pull request's head commit carries: the deploy gate's
// answer (lib/domain/gate/gate.ts) in the code host's terms, short enough for its 140 characters.
// Pure.
import type { GateAnswer } from "@/lib/domain/gate/gate";

export const STATUS_CONTEXT = "countersign/sign-off";

export type SignOffState = "pending" | "success" | "failure";

export interface SignOffStatus {
  state: SignOffState;
  description: string;
}

/** GitHub allows 140 characters; GitLab shows about as many. */
export const MAX_DESCRIPTION = 140;

function clip(text: string): string {
  return text.length <= MAX_DESCRIPTION ? text : `${text.slice(0, MAX_DESCRIPTION - 1)}…`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** "1 of 2 approvals: checkout-api needs 1 more SENIOR+" from the gate's unmet requirements. */
export function approvalsLine(answer: GateAnswer): string {
  const needed = answer.unmet.reduce((n, u) => n + u.needed, 0);
  const have = answer.unmet.reduce((n, u) => n + Math.min(u.have, u.needed), 0);
  const parts = answer.unmet.map(
    (u) => `${u.system} needs ${Math.max(u.needed - u.have, 1)} more ${u.level}`,
  );
  return `${have} of ${plural(needed, "approval")}: ${parts.join("; ")}`;
}

export function signOffStatus(
  answer: GateAnswer | null,
  missingDisclosure: readonly string[],
): SignOffStatus {
  if (missingDisclosure.length)
    return { state: "failure", description: clip(`Countersign needs: ${missingDisclosure[0]}`) };
  if (!answer) return { state: "pending", description: "Waiting for Countersign" };
  if (answer.allowed)
    return { state: "success", description: clip(`Signed off: ${answer.reason}`) };
  if (answer.status === "REJECTED") return { state: "failure", description: clip(answer.reason) };
  if (answer.status === "WITHDRAWN")
    return { state: "failure", description: clip(`${answer.key} was withdrawn in Countersign`) };
  if (answer.freeze.active)
    return {
      state: "failure",
      description: clip(`Frozen: ${answer.freeze.systems.join(", ")} is in a change freeze`),
    };
  if (answer.unmet.length) return { state: "pending", description: clip(approvalsLine(answer)) };
  return { state: "pending", description: clip(answer.reason) };
}
