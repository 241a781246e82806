// How a dashboard filter maps onto the fact and rollup tables (migration metrics_rollups). Pure.
//
// Every submitted change has one fact row per scope it touches: "all"; and, per system it
// touches, "tier:<n>", "team:<teamId>", "team:<teamId>/tier:<n>" and "system:<systemId>". So a
// filter is exactly one scope: "changes touching a system of team T with tier N" is the rows
// of "team:T/tier:N", each change once.

/** A scope no row has: the filter can match nothing (a system outside the chosen team or tier). */
export const NO_SCOPE = "none";

export interface ScopeFilter {
  team: { id: string } | null;
  system: { id: string; tier: number; owningTeamId: string } | null;
  tier: number | null;
}

export function factScope({ team, system, tier }: ScopeFilter): string {
  if (system) {
    if (team && system.owningTeamId !== team.id) return NO_SCOPE;
    if (tier && system.tier !== tier) return NO_SCOPE;
    return `system:${system.id}`;
  }
  if (team && tier) return `team:${team.id}/tier:${tier}`;
  if (team) return `team:${team.id}`;
  if (tier) return `tier:${tier}`;
  return "all";
}

const DAY = 86_400_000;

/**
 * The whole UTC days inside [from, to), as [dayFrom, dayTo): the rollups answer those, the fact
 * rows the partial days at either edge ([from, dayFrom) and [dayTo, to)). With no whole day
 * inside, both are `to`, so the facts answer the whole range.
 */
export function wholeDays(from: Date, to: Date): { dayFrom: Date; dayTo: Date } {
  const dayFrom = new Date(Math.ceil(from.getTime() / DAY) * DAY);
  const dayTo = new Date(Math.floor(to.getTime() / DAY) * DAY);
  if (dayFrom >= dayTo) return { dayFrom: to, dayTo: to };
  return { dayFrom, dayTo };
}

/** `YYYY-MM-DD` of a UTC midnight, for comparing with the rollups' date column. */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export interface WindowScope {
  tiers: number[];
  systemIds: string[];
}

/**
 * The fact scopes whose changes a policy window covers, as the policy engine decides it
 * (`covers` in lib/domain/policy/engine.ts): every change when the window names no tier and no
 * system, otherwise the changes touching one of its tiers or one of its systems. `exists` says
 * whether a named system still exists.
 */
export function windowScopes(window: WindowScope, exists: (systemId: string) => boolean): string[] {
  if (window.tiers.length === 0 && window.systemIds.length === 0) return ["all"];
  return [
    ...[...new Set(window.tiers)].map((t) => `tier:${t}`),
    ...[...new Set(window.systemIds)].filter(exists).map((id) => `system:${id}`),
  ];
}

/** The fact column counting the approvals a window's minimum level accepts. */
export function qualifyingApprovalsColumn(minLevel: string | null): string {
  switch (minLevel) {
    case "MID":
      return "approvalsMid";
    case "SENIOR":
      return "approvalsSenior";
    case "PRINCIPAL":
      return "approvalsPrincipal";
    default:
      return "approvals";
  }
}
