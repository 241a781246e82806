// The metrics' definitions as plain functions over rows: what the SQL aggregates in
// lib/server/metrics compute, written so a person can check them by hand. Pure.
import type { AiExtent } from "@/lib/domain/policy/minimum-level";
import { atLeast, type Level } from "@/lib/domain/levels";
import { percentile, rate } from "./stats";
import { sizeBucket } from "./size";

export interface DeployedChange {
  id: string;
  aiExtent: AiExtent;
  authorLevel: Level;
  linesChanged: number;
  causedIncident: boolean;
  approverIds: string[];
}

export interface FailureSplit {
  key: string;
  deployed: number;
  caused: number;
  rate: number | null;
}

function split(changes: DeployedChange[], keysOf: (c: DeployedChange) => string[]): FailureSplit[] {
  const groups = new Map<string, { deployed: number; caused: number }>();
  for (const c of changes)
    for (const key of keysOf(c)) {
      const g = groups.get(key) ?? { deployed: 0, caused: 0 };
      g.deployed += 1;
      if (c.causedIncident) g.caused += 1;
      groups.set(key, g);
    }
  return [...groups.entries()]
    .map(([key, g]) => ({ key, ...g, rate: rate(g.caused, g.deployed) }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

export function changeFailureRate(changes: DeployedChange[]) {
  const caused = changes.filter((c) => c.causedIncident).length;
  return {
    overall: { deployed: changes.length, caused, rate: rate(caused, changes.length) },
    byAiExtent: split(changes, (c) => [c.aiExtent]),
    byAuthorLevel: split(changes, (c) => [c.authorLevel]),
    bySize: split(changes, (c) => [sizeBucket(c.linesChanged)]),
    byApprover: split(changes, (c) => c.approverIds),
  };
}

export interface ResolvedIncident {
  startedAt: Date;
  resolvedAt: Date | null;
}

export function timeToRestoreHours(incidents: ResolvedIncident[]) {
  const hours = incidents
    .filter((i) => i.resolvedAt)
    .map((i) => (i.resolvedAt!.getTime() - i.startedAt.getTime()) / 3_600_000);
  return { resolved: hours.length, p50: percentile(hours, 0.5), p90: percentile(hours, 0.9) };
}

export interface WindowMinimums {
  minApprovals: number | null;
  minLevel: Level | null;
  requirePrincipal: boolean;
}

/** Whether one change's approvals (the approvers' levels) met a policy window's minimums. */
export function meetsWindow(approverLevels: Level[], w: WindowMinimums): boolean {
  const qualifying = approverLevels.filter((l) => atLeast(l, w.minLevel ?? "JUNIOR"));
  if (qualifying.length < Math.max(1, w.minApprovals ?? 1)) return false;
  if (w.requirePrincipal && !approverLevels.includes("PRINCIPAL")) return false;
  return true;
}

export function windowCompliance(changes: { approverLevels: Level[] }[], w: WindowMinimums) {
  const met = changes.filter((c) => meetsWindow(c.approverLevels, w)).length;
  return { inScope: changes.length, met, rate: rate(met, changes.length) };
}
