// The routing decision for a change: affected systems, the requirements the policy demands, every
// candidate with a verdict, and the reviewers assigned. Reads only; the live preview, the routing
// preview API and submission all use it (submission inside its transaction).
import type { Db, Tx } from "@/lib/db";
import type { Level } from "@/lib/domain/levels";
import type { RiskFlag } from "@/lib/domain/risk/flags";
import { RISK_FLAGS } from "@/lib/domain/risk/flags";
import { detectRisks, type RiskHit } from "@/lib/domain/risk/detect";
import {
  DEFAULT_POLICY,
  decideRequirements,
  slaHours,
  type PolicyDecision,
  type PolicyWindow,
  type RequirementDecision,
} from "@/lib/domain/policy/engine";
import {
  evaluateCandidates,
  DEFAULT_CAPACITY,
  type CandidateVerdict,
} from "@/lib/domain/routing/eligibility";
import { assignReviewers, type RoutingOutcome } from "@/lib/domain/routing/assign";
import { AppError } from "@/lib/errors";
import { loadSystemOwners } from "@/lib/server/ownership";
import { readAll, readerFor } from "@/lib/db/reader";
import { resolvePaths } from "./paths";
import type { RoutingRequest } from "@/lib/domain/changes/routing-request";

export type { RoutingRequest };

export interface RoutedSystem {
  id: string;
  slug: string;
  name: string;
  tier: number;
  source: "DERIVED" | "ADDED";
  paths: string[];
}

export interface RoutedRequirement {
  decision: RequirementDecision;
  /** The CODEOWNERS lines that won for the change's paths in this system. */
  ruleIds: string[];
  candidates: CandidateVerdict[];
  outcome: RoutingOutcome;
}

export interface RoutedReviewer {
  id: string;
  name: string;
  handle: string;
  level: Level;
  reasons: string[];
  systemIds: string[];
  openReviews: number;
}

export interface RoutingResult {
  repository: { id: string; name: string };
  systems: RoutedSystem[];
  unmappedPaths: string[];
  riskHits: RiskHit[];
  detectedFlags: RiskFlag[];
  riskFlags: RiskFlag[];
  policy: PolicyDecision;
  requirements: RoutedRequirement[];
  reviewers: RoutedReviewer[];
  warnings: string[];
  slaHours: number;
  estimate: { hours: number; basis: string } | null;
}

const MINUTES_PER_QUEUED_REVIEW = 45;

export async function activeWindows(db: Db | Tx, now: Date): Promise<PolicyWindow[]> {
  return readerFor(db).query<PolicyWindow>(
    "routing-windows",
    `SELECT id, name, kind::text AS kind, "startsAt", "endsAt", tiers, "systemIds", "minApprovals",
       "minLevel"::text AS "minLevel", "requirePrincipal"
     FROM "PolicyWindow" WHERE "startsAt" <= $1 AND "endsAt" > $1`,
    [now],
  );
}

export async function routeChange(
  db: Db | Tx,
  request: RoutingRequest,
  now = new Date(),
): Promise<RoutingResult> {
  const [resolution, windows] = await readAll(db, [
    () => resolvePaths(db, request.repository, request.paths),
    () => activeWindows(db, now),
  ] as const);
  const addedSlugs = [...new Set(request.addedSystemSlugs)];
  const derivedIds = [...resolution.pathsBySystem.keys()];
  const [systemRows, derivedOwners] = await readAll(db, [
    () =>
      readerFor(db).query<{ id: string; slug: string; name: string; tier: number }>(
        "routing-systems",
        `SELECT id, slug, name, tier FROM "System" WHERE id = ANY($1::text[]) OR slug = ANY($2::text[])
       ORDER BY tier, slug`,
        [derivedIds, addedSlugs],
      ),
    () => loadSystemOwners(db, derivedIds, [...resolution.rulesBySystem.values()].flat()),
  ] as const);
  const missing = addedSlugs.filter((slug) => !systemRows.some((s) => s.slug === slug));
  if (missing.length) {
    throw new AppError(
      "VALIDATION",
      `systems: unknown system ${missing.join(", ")}`,
      missing.map((slug) => ({ field: "systems", message: `unknown system "${slug}"` })),
    );
  }
  // Systems the author added have no winning CODEOWNERS lines: their owners are team and extras.
  const addedOnly = systemRows.filter((s) => !resolution.pathsBySystem.has(s.id)).map((s) => s.id);
  const owners = addedOnly.length
    ? new Map([...derivedOwners, ...(await loadSystemOwners(db, addedOnly, []))])
    : derivedOwners;
  const systems: RoutedSystem[] = systemRows.map((s) => ({
    ...s,
    source: resolution.pathsBySystem.has(s.id) ? "DERIVED" : "ADDED",
    paths: resolution.pathsBySystem.get(s.id) ?? [],
  }));

  const tierByPath = new Map<string, number>();
  for (const s of systems) for (const p of s.paths) tierByPath.set(p, s.tier);
  const detected = request.diffFiles
    ? detectRisks(request.diffFiles, (p) => tierByPath.get(p) ?? null)
    : { hits: [], flags: [] as RiskFlag[] };
  const riskFlags = RISK_FLAGS.filter(
    (f) => request.riskFlags.includes(f) || detected.flags.includes(f),
  );

  const policy = decideRequirements(
    {
      authorLevel: request.author.level,
      aiExtent: request.aiExtent,
      riskFlags,
      linesChanged: request.linesChanged,
      filesChanged: request.filesChanged,
      emergency: request.emergency,
    },
    systems,
    windows,
    now,
    DEFAULT_POLICY,
  );

  const requirements = policy.requirements.map((decision) => {
    return {
      decision,
      ruleIds: resolution.rulesBySystem.get(decision.systemId) ?? [],
      candidates: evaluateCandidates(owners.get(decision.systemId) ?? [], {
        minLevel: decision.minLevel,
        authorId: request.author.id,
        coAuthorIds: request.coAuthorIds,
        now,
        capacity: DEFAULT_CAPACITY,
      }),
    };
  });
  const outcomes = assignReviewers(
    requirements.map((r) => ({
      key: r.decision.systemId,
      approvalsRequired: r.decision.approvalsRequired,
      principalRequired: r.decision.principalRequired,
      candidates: r.candidates,
    })),
    { changeLines: request.linesChanged, keep: request.keepReviewerIds, now },
  );
  const routed = requirements.map((r, i) => ({ ...r, outcome: outcomes[i]! }));

  const reviewers = new Map<string, RoutedReviewer>();
  for (const r of routed) {
    for (const pick of r.outcome.assigned) {
      const candidate = r.candidates.find((c) => c.person.id === pick.personId)!;
      const entry = reviewers.get(pick.personId) ?? {
        id: pick.personId,
        name: candidate.person.name,
        handle: candidate.person.handle,
        level: candidate.person.level,
        reasons: [],
        systemIds: [],
        openReviews: candidate.person.openReviews ?? 0,
      };
      entry.reasons.push(`${r.decision.systemSlug}: ${pick.reason}`);
      reviewers.set(pick.personId, entry);
    }
  }
  for (const r of routed)
    for (const id of r.outcome.counted) reviewers.get(id)?.systemIds.push(r.decision.systemId);

  const warnings = [...policy.warnings];
  if (resolution.unmapped.length) {
    warnings.push(
      `${resolution.unmapped.length} path${resolution.unmapped.length === 1 ? "" : "s"} map to no system (${resolution.unmapped.slice(0, 3).join(", ")}${resolution.unmapped.length > 3 ? ", …" : ""}): add the systems they belong to.`,
    );
  }
  for (const r of routed) {
    if (r.outcome.state === "UNROUTABLE")
      warnings.push(
        `Unroutable: ${r.decision.systemSlug} ${r.outcome.reason}. Its team's manager and the admins will be notified.`,
      );
    if (r.outcome.state === "SHORT_STAFFED")
      warnings.push(`${r.decision.systemSlug}: ${r.outcome.reason}.`);
  }
  for (const hit of detected.flags) {
    if (!request.riskFlags.includes(hit))
      warnings.push(
        `Risk detected in the diff: ${hit.replace("_", " ").toLowerCase()} (the flag is set for you).`,
      );
  }

  const assigned = [...reviewers.values()];
  const sla = slaHours(policy.requirements, DEFAULT_POLICY);
  const estimate = assigned.length
    ? (() => {
        const ahead = Math.min(...assigned.map((r) => r.openReviews));
        const hours = Math.min(sla, Math.max(0.25, ((ahead + 1) * MINUTES_PER_QUEUED_REVIEW) / 60));
        return {
          hours,
          basis: `${ahead} review${ahead === 1 ? "" : "s"} ahead in the least busy assigned reviewer's queue, about ${MINUTES_PER_QUEUED_REVIEW} min each; SLA ${sla} h`,
        };
      })()
    : null;

  return {
    repository: resolution.repository,
    systems,
    unmappedPaths: resolution.unmapped,
    riskHits: detected.hits,
    detectedFlags: detected.flags,
    riskFlags,
    policy,
    requirements: routed,
    reviewers: assigned,
    warnings,
    slaHours: sla,
    estimate,
  };
}
