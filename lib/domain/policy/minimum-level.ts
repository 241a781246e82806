// Policy rule 2 (docs/architecture.md, "Policy"): the minimum level of every approver of one system's requirement. Pure.
import { isSeniorPlus, type Level } from "@/lib/domain/levels";

export const AI_EXTENTS = ["NONE", "ASSISTED", "GENERATED", "AGENTIC"] as const;
export type AiExtent = (typeof AI_EXTENTS)[number];

/** The lowest level any requirement ever asks of an approver: who can be assigned a review. */
export const LOWEST_APPROVER_LEVEL: Level = "MID";

export interface MinimumLevelInput {
  tier: number;
  authorLevel: Level;
  aiExtent: AiExtent;
}

export interface MinimumLevelDecision {
  minLevel: Level;
  rule: string;
}

export function minimumLevel({
  tier,
  authorLevel,
  aiExtent,
}: MinimumLevelInput): MinimumLevelDecision {
  if (tier === 1) {
    return { minLevel: "SENIOR", rule: "Tier 1 system: every approver must be SENIOR or above." };
  }
  if (!isSeniorPlus(authorLevel) && aiExtent !== "NONE") {
    return {
      minLevel: "SENIOR",
      rule: `Sign-off rule: ${authorLevel} author with AI extent ${aiExtent}: every approver must be SENIOR or above.`,
    };
  }
  const why = aiExtent === "NONE" ? "no AI involvement" : `${authorLevel} author`;
  return {
    minLevel: LOWEST_APPROVER_LEVEL,
    rule: `Tier ${tier} system, ${why}: approvers may be MID or above.`,
  };
}
