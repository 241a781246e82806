// "Reviewing the reviewer" (docs/decisions/0014-reviewer-workplace.md): a share of approved
// AI-assisted changes is sampled for an independent second look by another eligible senior. The
// share is higher for tier-1 systems and for approvals flagged as possible rubber stamps. Pure: the
// random draw is passed in.
import type { AiExtent } from "@/lib/domain/policy/minimum-level";

export type SecondLookReason = "SAMPLED" | "TIER_ONE" | "RUBBER_STAMP" | "REQUESTED";

export interface SecondLookShares {
  base: number;
  tierOne: number;
  rubberStamp: number;
}

export const DEFAULT_SHARES: SecondLookShares = { base: 0.05, tierOne: 0.2, rubberStamp: 0.5 };

export interface ApprovedChange {
  aiExtent: AiExtent;
  /** The lowest (most critical) tier among its systems. */
  tier: number;
  /** Whether an approval that counted was flagged as a possible rubber stamp. */
  rubberStamp: boolean;
}

/** The chance this approved change is sampled, and the reason it would be. */
export function secondLookChance(
  change: ApprovedChange,
  shares: SecondLookShares,
): { chance: number; reason: SecondLookReason } {
  if (change.aiExtent === "NONE") return { chance: 0, reason: "SAMPLED" };
  const options: { chance: number; reason: SecondLookReason }[] = [
    { chance: shares.base, reason: "SAMPLED" },
  ];
  if (change.tier === 1) options.push({ chance: shares.tierOne, reason: "TIER_ONE" });
  if (change.rubberStamp) options.push({ chance: shares.rubberStamp, reason: "RUBBER_STAMP" });
  return options.reduce((a, b) => (b.chance > a.chance ? b : a));
}

/** Whether a draw in [0, 1) samples the change. */
export function sampled(change: ApprovedChange, shares: SecondLookShares, draw: number) {
  const { chance, reason } = secondLookChance(change, shares);
  return draw < chance ? reason : null;
}

export interface SecondLookCandidate {
  id: string;
  /** Second looks already waiting on this person. */
  open: number;
}

/** Who takes the second look: the least loaded candidate (ties by id, so it is repeatable). */
export function pickSecondLooker(candidates: SecondLookCandidate[]): string | null {
  const [first] = [...candidates].sort((a, b) => a.open - b.open || a.id.localeCompare(b.id));
  return first?.id ?? null;
}

export const REASON_LABEL: Record<SecondLookReason, string> = {
  SAMPLED: "randomly sampled",
  TIER_ONE: "sampled: tier-1 system",
  RUBBER_STAMP: "sampled: possible rubber stamp",
  REQUESTED: "requested",
};
