// Assignment (docs/architecture.md, "Policy"): for each requirement, as many reviewers as it still needs, chosen by
// lowest weighted review load, ties broken round-robin (least recently assigned). A person counts
// toward every requirement they are eligible for. Pure.
import type { CandidateVerdict } from "./eligibility";

/** How much an open review weighs in a reviewer's load: a 1,000-line review counts like five small ones. */
export function reviewWeight(linesChanged: number): number {
  return 1 + Math.min(Math.max(linesChanged, 0), 2000) / 250;
}

export interface RoutingRequirement {
  key: string;
  approvalsRequired: number;
  principalRequired: boolean;
  candidates: CandidateVerdict[];
}

export interface Pick {
  personId: string;
  reason: string;
}

export interface RoutingOutcome {
  key: string;
  state: "ROUTED" | "SHORT_STAFFED" | "UNROUTABLE";
  /** Reviewers newly assigned for this requirement. */
  assigned: Pick[];
  /** Everyone (kept or new) who counts toward it. */
  counted: string[];
  reason: string | null;
}

interface Load {
  load: number;
  reviews: number;
  last: number;
}

const byLoad = (loads: Map<string, Load>) => (a: CandidateVerdict, b: CandidateVerdict) => {
  const la = loads.get(a.person.id)!;
  const lb = loads.get(b.person.id)!;
  return (
    la.load - lb.load ||
    la.last - lb.last ||
    a.person.name.localeCompare(b.person.name) ||
    a.person.id.localeCompare(b.person.id)
  );
};

function unroutableReason(
  requirement: RoutingRequirement,
  eligible: CandidateVerdict[],
): string | null {
  if (eligible.length < requirement.approvalsRequired) {
    const excluded = requirement.candidates.filter((c) => !c.mayApprove);
    const why = [...new Set(excluded.map((c) => c.reason.replace(/^excluded: /, "")))]
      .slice(0, 3)
      .join("; ");
    return `needs ${requirement.approvalsRequired} distinct eligible reviewer${requirement.approvalsRequired === 1 ? "" : "s"}, ${eligible.length === 0 ? "none is" : `only ${eligible.length} ${eligible.length === 1 ? "is" : "are"}`} eligible${why ? ` (others: ${why})` : ""}`;
  }
  if (requirement.principalRequired && !eligible.some((c) => c.person.level === "PRINCIPAL")) {
    return "needs a PRINCIPAL approver, and no PRINCIPAL owner is eligible";
  }
  return null;
}

export function assignReviewers(
  requirements: RoutingRequirement[],
  options: { changeLines: number; keep?: string[]; now: Date },
): RoutingOutcome[] {
  const weight = reviewWeight(options.changeLines);
  const loads = new Map<string, Load>();
  for (const requirement of requirements) {
    for (const c of requirement.candidates) {
      if (!loads.has(c.person.id)) {
        loads.set(c.person.id, {
          load: c.person.openLoad ?? 0,
          reviews: c.person.openReviews ?? 0,
          last: c.person.lastAssignedAt?.getTime() ?? 0,
        });
      }
    }
  }
  const chosen = new Set<string>(options.keep ?? []);
  // Strictest first: a principal picked for one requirement can also serve the others.
  const order = [...requirements].sort(
    (a, b) =>
      Number(b.principalRequired) - Number(a.principalRequired) ||
      b.approvalsRequired - a.approvalsRequired,
  );
  const outcomes = new Map<string, RoutingOutcome>();

  for (const requirement of order) {
    const eligible = requirement.candidates.filter((c) => c.mayApprove);
    const unroutable = unroutableReason(requirement, eligible);
    if (unroutable) {
      outcomes.set(requirement.key, {
        key: requirement.key,
        state: "UNROUTABLE",
        assigned: [],
        counted: [],
        reason: unroutable,
      });
      continue;
    }
    const counted = eligible.filter((c) => chosen.has(c.person.id)).map((c) => c.person.id);
    const assigned: Pick[] = [];
    const pick = (pool: CandidateVerdict[], reason: (c: CandidateVerdict) => string) => {
      const next = pool
        .filter((c) => c.assignable && !chosen.has(c.person.id))
        .sort(byLoad(loads))[0];
      if (!next) return false;
      const load = loads.get(next.person.id)!;
      assigned.push({ personId: next.person.id, reason: reason(next) });
      chosen.add(next.person.id);
      counted.push(next.person.id);
      load.load += weight;
      load.reviews += 1;
      load.last = options.now.getTime();
      return true;
    };
    const describe = (c: CandidateVerdict) => {
      const load = loads.get(c.person.id)!;
      return `${load.reviews} open review${load.reviews === 1 ? "" : "s"}, load ${load.load.toFixed(1)}`;
    };
    const hasPrincipal = () =>
      eligible.some((c) => counted.includes(c.person.id) && c.person.level === "PRINCIPAL");
    if (requirement.principalRequired && !hasPrincipal()) {
      pick(
        eligible.filter((c) => c.person.level === "PRINCIPAL"),
        (c) => `PRINCIPAL required: least-loaded eligible principal (${describe(c)})`,
      );
    }
    while (counted.length < requirement.approvalsRequired) {
      if (!pick(eligible, (c) => `lowest review load among eligible owners (${describe(c)})`))
        break;
    }
    const missing = requirement.approvalsRequired - counted.length;
    const principalMissing = requirement.principalRequired && !hasPrincipal();
    const short = missing > 0 || principalMissing;
    outcomes.set(requirement.key, {
      key: requirement.key,
      state: short ? "SHORT_STAFFED" : "ROUTED",
      assigned,
      counted,
      reason: short
        ? `${principalMissing ? "no PRINCIPAL could be assigned" : `${missing} more reviewer${missing === 1 ? "" : "s"} needed`}: the other eligible reviewers are out of office or at capacity; any of them can still pick it up from the queue`
        : null,
    });
  }
  return requirements.map((r) => outcomes.get(r.key)!);
}
