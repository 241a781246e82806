// What a pull request's current state asks of its change request. Every webhook event of a pull
// request (opened, synchronize, edited, closed, reopened, ready_for_review) is answered the same
// way: read the pull request as it is now and bring the change in step, so events that arrive
// twice, late or out of order cannot leave the change wrong. Pure.
import type { AiExtent } from "@/lib/domain/policy/minimum-level";
import type { Status } from "@/lib/domain/lifecycle/lifecycle";
import type { PullRequestSnapshot } from "./pull-request";

/** The change request as far as syncing cares. */
export interface LinkedChange {
  status: Status;
  commit: string | null;
  aiExtent: AiExtent;
  described: Record<DescribedField, string | string[]>;
}

/** The fields an edited description updates without a new revision (they change no policy). */
export const DESCRIBED_FIELDS = [
  "title",
  "intent",
  "aiTools",
  "aiWrote",
  "rollbackPlan",
  "testEvidence",
] as const;
export type DescribedField = (typeof DESCRIBED_FIELDS)[number];

export type SyncStep =
  | { kind: "ignore"; why: string }
  | { kind: "none"; why: string }
  | { kind: "create" }
  | { kind: "save-draft" }
  | { kind: "revise"; aiExtent: AiExtent | null }
  | { kind: "describe"; fields: DescribedField[] }
  | { kind: "withdraw" };

const OPEN: readonly Status[] = ["PENDING", "CHANGES_REQUESTED", "APPROVED"];

export function syncStep(
  pr: Pick<PullRequestSnapshot, "state" | "draft" | "headSha">,
  change: LinkedChange | null,
  wanted: { submit: boolean; aiExtent: AiExtent; described: LinkedChange["described"] },
): SyncStep {
  const live = change && change.status !== "WITHDRAWN" ? change : null;
  if (pr.state === "merged") return { kind: "none", why: "merged: deployments are recorded apart" };
  if (pr.state === "closed") {
    if (live && (live.status === "DRAFT" || OPEN.includes(live.status)))
      return { kind: "withdraw" };
    return { kind: "none", why: "closed" };
  }
  if (!live) {
    if (pr.draft)
      return { kind: "ignore", why: "a draft pull request: it is opened when ready for review" };
    return { kind: "create" };
  }
  if (live.status === "DRAFT") return { kind: "save-draft" };
  if (!OPEN.includes(live.status))
    return { kind: "none", why: `the change is ${live.status.toLowerCase().replace("_", " ")}` };
  const extentChanged = wanted.submit && wanted.aiExtent !== live.aiExtent;
  if (live.commit !== pr.headSha || extentChanged)
    return { kind: "revise", aiExtent: extentChanged ? wanted.aiExtent : null };
  const fields = DESCRIBED_FIELDS.filter(
    (f) => JSON.stringify(live.described[f]) !== JSON.stringify(wanted.described[f]),
  );
  if (fields.length) return { kind: "describe", fields };
  return { kind: "none", why: "already in step" };
}
