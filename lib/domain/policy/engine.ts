// The routing and approval policy (docs/architecture.md, "Policy"): for each affected system, one requirement with
// the rule lines that produced it. Pure; the policy's numbers are data (PolicyConfig), so admins'
// changes and each change's policy snapshot are plain values.
import { levelRank, type Level } from "@/lib/domain/levels";
import type { RiskFlag } from "@/lib/domain/risk/flags";
import { minimumLevel, type AiExtent } from "./minimum-level";

export interface PolicyConfig {
  version: number;
  approvalsByTier: Record<1 | 2 | 3, number>;
  oversizeLines: number;
  oversizeFiles: number;
  principalFlags: RiskFlag[];
  emergencyApprovals: number;
  retrospectiveHours: number;
  slaHoursByTier: Record<1 | 2 | 3, number>;
}

export const DEFAULT_POLICY: PolicyConfig = {
  version: 1,
  approvalsByTier: { 1: 2, 2: 1, 3: 1 },
  oversizeLines: 400,
  oversizeFiles: 20,
  principalFlags: ["INFRASTRUCTURE", "DATA_DELETION"],
  emergencyApprovals: 1,
  retrospectiveHours: 24,
  slaHoursByTier: { 1: 4, 2: 8, 3: 24 },
};

/** A dated window over some systems: a policy window adds minimums, a freeze window blocks. */
export interface PolicyWindow {
  id: string;
  name: string;
  kind: "POLICY" | "FREEZE";
  startsAt: Date;
  endsAt: Date;
  /** Empty tiers and systemIds: every system. Otherwise a system in either list is covered. */
  tiers: number[];
  systemIds: string[];
  minApprovals: number | null;
  minLevel: Level | null;
  requirePrincipal: boolean;
}

export interface PolicyChange {
  authorLevel: Level;
  aiExtent: AiExtent;
  riskFlags: RiskFlag[];
  linesChanged: number;
  filesChanged: number;
  emergency: boolean;
}

export interface PolicySystem {
  id: string;
  slug: string;
  tier: number;
}

export interface RequirementDecision {
  systemId: string;
  systemSlug: string;
  tier: number;
  approvalsRequired: number;
  minLevel: Level;
  principalRequired: boolean;
  /** A covering freeze window is active: the change cannot become deployable (unless emergency). */
  frozen: boolean;
  /** Emergency changes: what makes them deployable now; the full requirement is due afterwards. */
  emergency: { approvals: number; minLevel: Level; retrospectiveHours: number } | null;
  windows: string[];
  rules: string[];
}

export interface PolicyDecision {
  requirements: RequirementDecision[];
  oversized: boolean;
  warnings: string[];
}

export function isActive(window: PolicyWindow, now: Date): boolean {
  return window.startsAt <= now && now < window.endsAt;
}

export function covers(window: PolicyWindow, system: PolicySystem): boolean {
  if (window.tiers.length === 0 && window.systemIds.length === 0) return true;
  return window.tiers.includes(system.tier) || window.systemIds.includes(system.id);
}

const maxLevel = (a: Level, b: Level): Level => (levelRank(a) >= levelRank(b) ? a : b);

export function decideRequirements(
  change: PolicyChange,
  systems: PolicySystem[],
  windows: PolicyWindow[],
  now: Date,
  config: PolicyConfig = DEFAULT_POLICY,
): PolicyDecision {
  const oversized =
    change.linesChanged > config.oversizeLines || change.filesChanged > config.oversizeFiles;
  const active = windows.filter((w) => isActive(w, now));
  const warnings: string[] = [];
  if (oversized) {
    warnings.push(
      `Oversized change: ${change.linesChanged} changed lines in ${change.filesChanged} files (limits ${config.oversizeLines} lines, ${config.oversizeFiles} files). ` +
        "Each system needs one extra approval; consider splitting it into smaller changes.",
    );
  }

  const requirements = systems.map((system): RequirementDecision => {
    const tier = (system.tier === 1 || system.tier === 2 ? system.tier : 3) as 1 | 2 | 3;
    const rules: string[] = [];
    let approvals = config.approvalsByTier[tier];
    rules.push(
      `Tier ${tier}: ${approvals} approval${approvals === 1 ? "" : "s"} from distinct people.`,
    );

    const level = minimumLevel({
      tier,
      authorLevel: change.authorLevel,
      aiExtent: change.aiExtent,
    });
    let minLevel = level.minLevel;
    rules.push(level.rule);

    let principalRequired = false;
    const principalFlags = change.riskFlags.filter((f) => config.principalFlags.includes(f));
    if (principalFlags.length > 0) {
      principalRequired = true;
      rules.push(
        `Risk flag ${principalFlags.join(", ")}: at least one approver must be PRINCIPAL.`,
      );
    }
    if (change.aiExtent === "AGENTIC" && tier === 1) {
      principalRequired = true;
      rules.push("Agentic AI change to a tier-1 system: at least one approver must be PRINCIPAL.");
    }
    if (oversized) {
      approvals += 1;
      rules.push(
        `Oversized change (over ${config.oversizeLines} lines or ${config.oversizeFiles} files): one extra approval.`,
      );
    }

    const covering = active.filter((w) => covers(w, system));
    for (const window of covering.filter((w) => w.kind === "POLICY")) {
      const parts: string[] = [];
      if (window.minApprovals !== null && window.minApprovals > approvals) {
        approvals = window.minApprovals;
        parts.push(`at least ${window.minApprovals} approvals`);
      }
      if (window.minLevel && levelRank(window.minLevel) > levelRank(minLevel)) {
        minLevel = maxLevel(minLevel, window.minLevel);
        parts.push(`approvers ${window.minLevel} or above`);
      }
      if (window.requirePrincipal && !principalRequired) {
        principalRequired = true;
        parts.push("one PRINCIPAL approver");
      }
      rules.push(
        `Policy window "${window.name}" (until ${window.endsAt.toISOString().slice(0, 10)}): ${parts.length ? parts.join(", ") : "its minimums are already met by the rules above"}.`,
      );
    }
    if (principalRequired && approvals < 1) approvals = 1;

    const freezes = covering.filter((w) => w.kind === "FREEZE");
    const frozen = freezes.length > 0;
    for (const freeze of freezes) {
      rules.push(
        change.emergency
          ? `Freeze "${freeze.name}" (until ${freeze.endsAt.toISOString().slice(0, 10)}): overridden by the emergency flag.`
          : `Freeze "${freeze.name}" (until ${freeze.endsAt.toISOString().slice(0, 10)}): the change cannot become deployable until it ends, except as an emergency.`,
      );
    }

    let emergency: RequirementDecision["emergency"] = null;
    if (change.emergency) {
      emergency = {
        approvals: config.emergencyApprovals,
        minLevel: "SENIOR",
        retrospectiveHours: config.retrospectiveHours,
      };
      rules.push(
        `Emergency: deployable after ${config.emergencyApprovals} SENIOR+ owner approval; a retrospective review by the full requirement above is due within ${config.retrospectiveHours} hours.`,
      );
    }
    return {
      systemId: system.id,
      systemSlug: system.slug,
      tier,
      approvalsRequired: approvals,
      minLevel,
      principalRequired,
      frozen,
      emergency,
      windows: covering.map((w) => w.name),
      rules,
    };
  });

  const frozen = requirements.filter((r) => r.frozen);
  if (frozen.length > 0) {
    warnings.push(
      change.emergency
        ? `Freeze in effect for ${frozen.map((r) => r.systemSlug).join(", ")}: allowed only because this is an emergency.`
        : `Freeze in effect for ${frozen.map((r) => r.systemSlug).join(", ")}: the change can be reviewed but cannot become deployable until the freeze ends.`,
    );
  }
  if (systems.length === 0)
    warnings.push(
      "No system is affected: the changed paths map to no system. Add the systems this change touches.",
    );
  return { requirements, oversized, warnings };
}

export function slaHours(
  requirements: { tier: number }[],
  config: PolicyConfig = DEFAULT_POLICY,
): number {
  const tiers = requirements.map((r) => (r.tier === 1 || r.tier === 2 ? r.tier : 3) as 1 | 2 | 3);
  return tiers.length
    ? Math.min(...tiers.map((t) => config.slaHoursByTier[t]))
    : config.slaHoursByTier[3];
}
