// Incidents: severities, statuses, the order their times must keep, and how suspect changes are
// ranked. Pure.
import type { AiExtent } from "@/lib/domain/policy/minimum-level";

export const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_LABEL: Record<Severity, string> = {
  SEV1: "SEV1 · critical",
  SEV2: "SEV2 · major",
  SEV3: "SEV3 · minor",
  SEV4: "SEV4 · low",
};

export const INCIDENT_STATUSES = ["INVESTIGATING", "IDENTIFIED", "MITIGATED", "RESOLVED"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const INCIDENT_STATUS_LABEL: Record<IncidentStatus, string> = {
  INVESTIGATING: "Investigating",
  IDENTIFIED: "Identified",
  MITIGATED: "Mitigated",
  RESOLVED: "Resolved",
};

export const LINK_KINDS = ["CAUSE", "CONTRIBUTING", "SUSPECT"] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface IncidentTimes {
  status: IncidentStatus;
  startedAt: Date;
  detectedAt: Date;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
}

export interface TimeProblem {
  field: "detectedAt" | "mitigatedAt" | "resolvedAt" | "startedAt";
  message: string;
}

/**
 * started <= detected <= mitigated <= resolved, nothing in the future, and the status agrees
 * with the times: MITIGATED needs a mitigation time, RESOLVED a resolution time, and an incident
 * with a resolution time is RESOLVED.
 */
export function timeProblems(t: IncidentTimes, now: Date): TimeProblem[] {
  const problems: TimeProblem[] = [];
  const slack = 5 * 60_000; // clocks differ; five minutes ahead is not "the future"
  const future = (d: Date | null) => d !== null && d.getTime() > now.getTime() + slack;
  if (future(t.startedAt)) problems.push({ field: "startedAt", message: "is in the future" });
  if (t.detectedAt < t.startedAt)
    problems.push({ field: "detectedAt", message: "must not be before startedAt" });
  else if (future(t.detectedAt))
    problems.push({ field: "detectedAt", message: "is in the future" });
  if (t.mitigatedAt) {
    if (t.mitigatedAt < t.detectedAt)
      problems.push({ field: "mitigatedAt", message: "must not be before detectedAt" });
    else if (future(t.mitigatedAt))
      problems.push({ field: "mitigatedAt", message: "is in the future" });
  }
  if (t.resolvedAt) {
    const after = t.mitigatedAt ?? t.detectedAt;
    if (t.resolvedAt < after)
      problems.push({
        field: "resolvedAt",
        message: `must not be before ${t.mitigatedAt ? "mitigatedAt" : "detectedAt"}`,
      });
    else if (future(t.resolvedAt))
      problems.push({ field: "resolvedAt", message: "is in the future" });
  }
  if (t.status === "MITIGATED" && !t.mitigatedAt)
    problems.push({ field: "mitigatedAt", message: "is required when the status is MITIGATED" });
  if (t.status === "RESOLVED" && !t.resolvedAt)
    problems.push({ field: "resolvedAt", message: "is required when the status is RESOLVED" });
  if (t.status !== "RESOLVED" && t.resolvedAt)
    problems.push({ field: "resolvedAt", message: "set it only when the status is RESOLVED" });
  return problems;
}

/** How far back from an incident's start a deployed change is a suspect. */
export const SUSPECT_WINDOW_HOURS = 24;

export interface SuspectInput {
  deployedAt: Date;
  riskFlags: number;
  linesChanged: number;
  aiExtent: AiExtent;
  emergency: boolean;
  tier: number;
}

const AI_RISK: Record<AiExtent, number> = {
  NONE: 0,
  ASSISTED: 0.05,
  GENERATED: 0.1,
  AGENTIC: 0.15,
};

/** 0..1: declared risk flags, size, how much AI wrote, emergency bypass and the system's tier. */
export function changeRisk(c: Omit<SuspectInput, "deployedAt">): number {
  const size =
    c.linesChanged > 1000 ? 0.3 : c.linesChanged > 250 ? 0.2 : c.linesChanged > 50 ? 0.1 : 0;
  const tier = c.tier === 1 ? 0.1 : c.tier === 2 ? 0.05 : 0;
  const raw = 0.15 * c.riskFlags + size + AI_RISK[c.aiExtent] + (c.emergency ? 0.2 : 0) + tier;
  return Math.min(1, Math.round(raw * 100) / 100);
}

/** 1 at the incident's start, 0 a full window before it. */
export function closeness(deployedAt: Date, startedAt: Date): number {
  const hours = (startedAt.getTime() - deployedAt.getTime()) / 3_600_000;
  return Math.max(0, Math.min(1, 1 - hours / SUSPECT_WINDOW_HOURS));
}

/** Suspect score: closeness in time weighs 60%, risk 40%. */
export function suspectScore(c: SuspectInput, startedAt: Date): number {
  return Math.round((0.6 * closeness(c.deployedAt, startedAt) + 0.4 * changeRisk(c)) * 1000) / 1000;
}

export function rankSuspects<T extends SuspectInput & { key: string }>(
  changes: T[],
  startedAt: Date,
): (T & { score: number; risk: number; hoursBefore: number })[] {
  return changes
    .filter(
      (c) =>
        c.deployedAt <= startedAt &&
        startedAt.getTime() - c.deployedAt.getTime() <= SUSPECT_WINDOW_HOURS * 3_600_000,
    )
    .map((c) => ({
      ...c,
      score: suspectScore(c, startedAt),
      risk: changeRisk(c),
      hoursBefore:
        Math.round(((startedAt.getTime() - c.deployedAt.getTime()) / 3_600_000) * 10) / 10,
    }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.deployedAt.getTime() - a.deployedAt.getTime() ||
        a.key.localeCompare(b.key),
    );
}
