// The deploy gate: may this change ship now? The answer a pipeline acts on (exit 0 or 1), built from
// the same approval state the portal shows (lib/domain/lifecycle/lifecycle.ts), so the gate, the
// change page and "Mark deployed" cannot disagree. Pure.
import { atLeast } from "@/lib/domain/levels";
import { progressLine } from "@/lib/domain/changes/progress";
import {
  approvalState,
  requirementSatisfied,
  type RequirementView,
  type Status,
} from "@/lib/domain/lifecycle/lifecycle";

export interface GateInput {
  key: string;
  status: Status;
  emergency: boolean;
  currentRevision: number;
  /** The revision the pipeline asked about (by its commit), when it asked by commit. */
  askedRevision?: number | null;
  requirements: RequirementView[];
  /** Handles of people whose request for changes or rejection still stands. */
  blockedBy: string[];
  /** Names of approvers, for the words in `why`. */
  nameOf?: (reviewerId: string) => string;
}

export interface UnmetRequirement {
  system: string;
  /** Approvals the requirement needs. */
  needed: number;
  /** Approvals that count for it now (distinct, eligible, of the current revision, at the level). */
  have: number;
  /** The level an approval must have to count: "SENIOR+" or "PRINCIPAL". */
  level: string;
  /** In words: "1 of 2 approvals (Ana Ruiz ✓), 1 more SENIOR+ needed". */
  why: string;
}

export interface GateAnswer {
  key: string;
  allowed: boolean;
  status: Status;
  /** One sentence a person reads in the pipeline's log. */
  reason: string;
  unmet: UnmetRequirement[];
  freeze: { active: boolean; systems: string[] };
  emergency: boolean;
  revision: number;
}

/** The statuses a change may ship from, given its sign-off allows it. */
const SHIPPABLE: readonly Status[] = ["APPROVED", "DEPLOYED", "PENDING", "CHANGES_REQUESTED"];

export function gate(input: GateInput): GateAnswer {
  const state = approvalState({
    requirements: input.requirements,
    blockedBy: input.blockedBy,
    emergency: input.emergency,
  });
  const frozen = input.requirements.filter((r) => r.frozen).map((r) => r.systemSlug);
  const unmet = input.requirements
    .filter((r) => !requirementSatisfied(r))
    .map((r) => ({
      system: r.systemSlug,
      needed: r.approvalsRequired,
      have: new Set(
        r.approvers.filter((a) => atLeast(a.level, r.minLevel)).map((a) => a.reviewerId),
      ).size,
      level: `${r.minLevel}${r.minLevel === "PRINCIPAL" ? "" : "+"}`,
      why: progressLine({
        ...r,
        approvers: r.approvers.map((a) => ({
          name: input.nameOf?.(a.reviewerId) ?? "",
          level: a.level,
        })),
      }),
    }));
  const base = {
    key: input.key,
    status: input.status,
    unmet,
    freeze: { active: frozen.length > 0, systems: frozen },
    emergency: input.emergency,
    revision: input.currentRevision,
  };
  const stale =
    input.askedRevision != null && input.askedRevision !== input.currentRevision
      ? input.askedRevision
      : null;
  if (stale !== null)
    return {
      ...base,
      allowed: false,
      reason: `That commit is revision ${stale} of ${input.key}; the current revision is ${input.currentRevision}, and only it can be signed off.`,
    };
  if (!SHIPPABLE.includes(input.status))
    return {
      ...base,
      allowed: false,
      reason: `${input.key} is ${input.status.toLowerCase().replace("_", " ")}: it may not be deployed.`,
    };
  if (input.status === "DEPLOYED" && state.deployable)
    return { ...base, allowed: true, reason: `${input.key} is signed off and already deployed.` };
  return { ...base, allowed: state.deployable, reason: `${input.key}: ${state.reason}` };
}
