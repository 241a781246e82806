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
 * The fact scopes whose changes a policy window covers: every change (no tiers, no systems), the
 * changes touching its tiers, or the changes touching its systems (of its tiers, when it names
 * both). `tierOf` gives each named system's current tier.
 */
export function windowScopes(window: WindowScope, tierOf: Map<string, number>): string[] {
  if (window.systemIds.length === 0)
    return window.tiers.length === 0 ? ["all"] : [...new Set(window.tiers)].map((t) => `tier:${t}`);
  return [...new Set(window.systemIds)]
    .filter((id) => tierOf.has(id))
    .filter((id) => window.tiers.length === 0 || window.tiers.includes(tierOf.get(id)!))
    .map((id) => `system:${id}`);
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
