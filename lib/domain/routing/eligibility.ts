// Who may sign off a requirement, and why: every candidate gets a verdict with a reason a person
// can read. Pure; the system page and the routing engine both use it.
import { atLeast, LEVEL_LABEL, levelRank, type Level } from "@/lib/domain/levels";

/** How a person comes to own a system. */
export type OwnershipVia =
  | { kind: "team"; team: string }
  | { kind: "extra-user" }
  | { kind: "extra-team"; team: string }
  | { kind: "codeowner"; pattern: string };

export interface CandidatePerson {
  id: string;
  name: string;
  handle: string;
  level: Level;
  active: boolean;
  outOfOfficeUntil: Date | null;
  /** Open review assignments and their weight in changed lines; absent when not known. */
  openReviews?: number;
  openLoad?: number;
  lastAssignedAt?: Date | null;
}

export type Verdict =
  | "ELIGIBLE"
  | "EXCLUDED_AUTHOR"
  | "EXCLUDED_CO_AUTHOR"
  | "EXCLUDED_INACTIVE"
  | "EXCLUDED_LEVEL"
  | "EXCLUDED_NOT_OWNER"
  | "SKIPPED_OUT_OF_OFFICE"
  | "SKIPPED_AT_CAPACITY";

export interface CandidateVerdict {
  person: CandidatePerson;
  via: OwnershipVia[];
  verdict: Verdict;
  /** Eligible people may approve; skipped people may approve but are not auto-assigned. */
  mayApprove: boolean;
  assignable: boolean;
  reason: string;
}

export interface EligibilityContext {
  minLevel: Level;
  authorId?: string;
  coAuthorIds?: readonly string[];
  now: Date;
  /** Open reviews at which a person is no longer auto-assigned (default 8; docs/architecture.md, "Policy"). */
  capacity?: number;
}

export const DEFAULT_CAPACITY = 8;

export function describeVia(via: OwnershipVia): string {
  switch (via.kind) {
    case "team":
      return `member of ${via.team}`;
    case "extra-user":
      return "extra approver";
    case "extra-team":
      return `extra approver through ${via.team}`;
    case "codeowner":
      return `CODEOWNERS ${via.pattern}`;
  }
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function verdictFor(
  person: CandidatePerson,
  via: OwnershipVia[],
  ctx: EligibilityContext,
): { verdict: Verdict; reason: string } {
  if (ctx.authorId === person.id) return { verdict: "EXCLUDED_AUTHOR", reason: "excluded: author" };
  if (ctx.coAuthorIds?.includes(person.id))
    return { verdict: "EXCLUDED_CO_AUTHOR", reason: "excluded: co-author" };
  if (!person.active) return { verdict: "EXCLUDED_INACTIVE", reason: "excluded: inactive" };
  if (via.length === 0) return { verdict: "EXCLUDED_NOT_OWNER", reason: "excluded: not an owner" };
  if (!atLeast(person.level, ctx.minLevel)) {
    return {
      verdict: "EXCLUDED_LEVEL",
      reason: `excluded: ${person.level} below ${ctx.minLevel}`,
    };
  }
  const owns = via.map(describeVia).join(", ");
  if (person.outOfOfficeUntil && person.outOfOfficeUntil > ctx.now) {
    return {
      verdict: "SKIPPED_OUT_OF_OFFICE",
      reason: `skipped: out of office until ${isoDay(person.outOfOfficeUntil)}`,
    };
  }
  const capacity = ctx.capacity ?? DEFAULT_CAPACITY;
  if (person.openReviews !== undefined && person.openReviews >= capacity) {
    return {
      verdict: "SKIPPED_AT_CAPACITY",
      reason: `skipped: at capacity (${person.openReviews} open reviews, limit ${capacity})`,
    };
  }
  return { verdict: "ELIGIBLE", reason: `eligible: ${LEVEL_LABEL[person.level]}, ${owns}` };
}

export function evaluateCandidate(
  person: CandidatePerson,
  via: OwnershipVia[],
  ctx: EligibilityContext,
): CandidateVerdict {
  const { verdict, reason } = verdictFor(person, via, ctx);
  const skipped = verdict === "SKIPPED_OUT_OF_OFFICE" || verdict === "SKIPPED_AT_CAPACITY";
  return {
    person,
    via,
    verdict,
    reason,
    mayApprove: verdict === "ELIGIBLE" || skipped,
    assignable: verdict === "ELIGIBLE",
  };
}

const ORDER: Record<Verdict, number> = {
  ELIGIBLE: 0,
  SKIPPED_OUT_OF_OFFICE: 1,
  SKIPPED_AT_CAPACITY: 1,
  EXCLUDED_LEVEL: 2,
  EXCLUDED_AUTHOR: 3,
  EXCLUDED_CO_AUTHOR: 3,
  EXCLUDED_INACTIVE: 4,
  EXCLUDED_NOT_OWNER: 5,
};

/** Every candidate with a verdict, eligible first, then by level (highest first) and name. */
export function evaluateCandidates(
  candidates: { person: CandidatePerson; via: OwnershipVia[] }[],
  ctx: EligibilityContext,
): CandidateVerdict[] {
  return candidates
    .map(({ person, via }) => evaluateCandidate(person, via, ctx))
    .sort(
      (a, b) =>
        ORDER[a.verdict] - ORDER[b.verdict] ||
        levelRank(b.person.level) - levelRank(a.person.level) ||
        a.person.name.localeCompare(b.person.name),
    );
}
