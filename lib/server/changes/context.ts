// What every transition of a change needs to decide: the change, locked; its requirements; who
// may review it now (live eligibility); and the reviews so far. The change's own rows are read
// inside the transition's transaction after `SELECT ... FOR UPDATE`, so concurrent reviewers see
// each other's work. Ownership and policy windows are not the change's: at READ COMMITTED any
// connection reads them as committed at that moment, and no transition writes them before it
// reads its context, so they come through the shared reader's prepared statements, overlapping
// the transaction's reads (an approval's slowest step otherwise).
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db";
import { queryOn } from "@/lib/db/reader";
import { evaluateCandidate, type CandidateVerdict } from "@/lib/domain/routing/eligibility";
import {
  approvalState,
  type ApprovalState,
  type RequirementView,
} from "@/lib/domain/lifecycle/lifecycle";
import type { Level } from "@/lib/domain/levels";
import type { Status } from "@/lib/domain/lifecycle/lifecycle";
import type { RiskFlag } from "@/lib/domain/risk/flags";
import { AppError, notFound } from "@/lib/errors";
import { loadSystemOwners, type OwnerCandidate } from "@/lib/server/ownership";
import { activeWindows } from "@/lib/server/routing/route";
import { covers } from "@/lib/domain/policy/engine";
import { isAuthorOrCoAuthor, maySeeChange, type Viewer } from "@/lib/domain/changes/people";
import { progressLine } from "@/lib/domain/changes/progress";

export interface LockedChange {
  id: string;
  key: string;
  title: string;
  status: Status;
  authorId: string;
  currentRevision: number;
  emergency: boolean;
  riskFlags: RiskFlag[];
  firstReviewAt: Date | null;
  retrospectiveDueAt: Date | null;
  linesAdded: number;
  linesRemoved: number;
}

/** The subject of a change's audit events. */
export const changeSubject = (change: { id: string; key: string }) => ({
  subjectType: "change" as const,
  subjectId: change.id,
  subjectLabel: change.key,
  changeKey: change.key,
});

/** The change, locked for the rest of the transaction (`lock: false` for a plain read). */
export async function lockChange(
  tx: Tx,
  key: string,
  options: { lock?: boolean } = {},
): Promise<LockedChange> {
  const lock = options.lock === false ? Prisma.empty : Prisma.sql`FOR UPDATE`;
  const rows = await queryOn<LockedChange>(
    tx,
    Prisma.sql`
    SELECT id, key, title, status::text AS status, "authorId", "currentRevision", emergency, coalesce("riskFlags", '{}')::text[] AS "riskFlags",
           "firstReviewAt", "retrospectiveDueAt", "linesAdded", "linesRemoved"
      FROM "ChangeRequest" WHERE key = ${key} ${lock}`,
  );
  if (!rows[0]) throw notFound("No such change.");
  return rows[0];
}

export interface ContextRequirement {
  id: string;
  systemId: string;
  systemSlug: string;
  tier: number;
  approvalsRequired: number;
  minLevel: Level;
  principalRequired: boolean;
  frozen: boolean;
  emergencyApprovals: number | null;
  /** The winning CODEOWNERS lines: only their owners own this requirement through CODEOWNERS. */
  ruleIds: string[];
  /** As stored: refreshed only when the approvals change it. */
  state: "PENDING" | "SATISFIED" | "UNROUTABLE";
}

/** The current revision as one reviewer met it: what a decision records and measures. */
export interface ReviewerRevision {
  paths: string[];
  linesAdded: number;
  linesRemoved: number;
  /** Files this reviewer marked viewed in the revision. */
  viewed: string[];
  openedAt: Date | null;
  firstFileViewAt: Date | null;
}

export interface ContextReview {
  reviewerId: string;
  name: string;
  handle: string;
  level: Level;
  revision: number;
  decision: "APPROVE" | "REQUEST_CHANGES" | "REJECT";
  possibleRubberStamp: boolean;
  createdAt: Date;
}

export interface ChangeContext {
  change: LockedChange;
  coAuthorIds: string[];
  requirements: ContextRequirement[];
  /** How each loaded person owns each requirement's system (see `ownersOf`). */
  owners: Map<string, OwnerCandidate[]>;
  /** Whose ownership was loaded: every owner, or the change's reviewers and the people asked for. */
  ownersOf: "all" | Set<string>;
  reviews: ContextReview[];
  /** Loaded when the context was asked for a `reviewer`. */
  reviewerRevision: ReviewerRevision | null;
  now: Date;
}

export interface ContextOptions {
  now?: Date;
  /**
   * Whose ownership to load besides the change's reviewers (whose approvals are counted): the
   * people the use case will ask `verdictsFor` about, or "all" owners (to assign reviewers).
   * Loading only those keeps a review's transaction from reading every owner's review load.
   */
  owners?: "all" | string[];
  /** Also read the current revision as this reviewer met it (in the same round trip). */
  reviewer?: string;
}

interface ContextRows {
  coAuthorIds: string[];
  /** `frozen` is decided afterwards, from the active windows. */
  requirements: Omit<ContextRequirement, "frozen">[];
  reviews: (Omit<ContextReview, "createdAt"> & { createdAt: string })[];
  revision:
    | (Omit<ReviewerRevision, "openedAt" | "firstFileViewAt"> & {
        openedAt: string | null;
        firstFileViewAt: string | null;
      })
    | null;
}

/** The change's co-authors, requirements and reviews: one round trip inside the transaction. */
async function contextRows(
  tx: Tx,
  change: { id: string; currentRevision: number },
  reviewer: string | null,
): Promise<ContextRows> {
  const changeId = change.id;
  const revision = reviewer
    ? Prisma.sql`(SELECT json_build_object(
          'paths', v.paths, 'linesAdded', v."linesAdded", 'linesRemoved', v."linesRemoved",
          'viewed', ARRAY(SELECT f.path FROM "FileView" f WHERE f."changeId" = v."changeId"
            AND f.revision = v.number AND f."reviewerId" = ${reviewer}),
          'openedAt', (SELECT o."openedAt" FROM "ReviewOpen" o WHERE o."changeId" = v."changeId"
            AND o.revision = v.number AND o."reviewerId" = ${reviewer}),
          'firstFileViewAt', (SELECT min(f."viewedAt") FROM "FileView" f WHERE f."changeId" = v."changeId"
            AND f.revision = v.number AND f."reviewerId" = ${reviewer}))
        FROM "Revision" v WHERE v."changeId" = ${changeId} AND v.number = ${change.currentRevision})`
    : Prisma.sql`NULL::json`;
  const [rows] = await queryOn<ContextRows>(
    tx,
    Prisma.sql`
    SELECT ${revision} AS revision,
      ARRAY(SELECT a."userId" FROM "ChangeCoAuthor" a WHERE a."changeId" = ${changeId}) AS "coAuthorIds",
      (SELECT coalesce(json_agg(json_build_object(
          'id', q.id, 'systemId', q."systemId", 'systemSlug', s.slug, 'tier', s.tier,
          'approvalsRequired', q."approvalsRequired", 'minLevel', q."minLevel",
          'principalRequired', q."principalRequired", 'emergencyApprovals', q."emergencyApprovals",
          'ruleIds', q."ruleIds", 'state', q.state)
          ORDER BY s.tier, s.slug), '[]')
        FROM "Requirement" q JOIN "System" s ON s.id = q."systemId"
        WHERE q."changeId" = ${changeId}) AS requirements,
      (SELECT coalesce(json_agg(json_build_object(
          'reviewerId', r."reviewerId", 'name', u.name, 'handle', u.handle, 'level', u.level, 'revision', r.revision,
          'decision', r.decision, 'possibleRubberStamp', r."possibleRubberStamp",
          'createdAt', r."createdAt") ORDER BY r."createdAt", r.id), '[]')
        FROM "Review" r JOIN "User" u ON u.id = r."reviewerId"
        WHERE r."changeId" = ${changeId}) AS reviews`,
  );
  return rows!;
}

export async function loadContext(
  tx: Tx,
  change: LockedChange,
  options: ContextOptions = {},
): Promise<ChangeContext> {
  const now = options.now ?? new Date();
  const windowsRead = activeWindows(db, now);
  windowsRead.catch(() => {}); // awaited below; if a read before that throws, this one is moot
  const rows = await contextRows(tx, change, options.reviewer ?? null);
  const utc = (t: string | null) => (t ? new Date(`${t}Z`) : null);
  const reviews: ContextReview[] = rows.reviews.map((r) => ({
    ...r,
    // json renders timestamp(3) without a zone; the portal stores UTC.
    createdAt: new Date(`${r.createdAt}Z`),
  }));
  const ownersOf =
    options.owners === "all"
      ? ("all" as const)
      : new Set([...reviews.map((r) => r.reviewerId), ...(options.owners ?? [])]);
  const [owners, windows] = await Promise.all([
    loadSystemOwners(
      db,
      rows.requirements.map((r) => r.systemId),
      rows.requirements.flatMap((r) => r.ruleIds),
      ownersOf === "all" ? undefined : [...ownersOf],
    ),
    windowsRead,
  ]);
  return {
    change,
    coAuthorIds: rows.coAuthorIds,
    requirements: rows.requirements.map((r) => ({
      ...r,
      // Freezes are read now, not as routed: a freeze may have started or ended since.
      frozen: windows.some(
        (w) =>
          w.kind === "FREEZE" && covers(w, { id: r.systemId, slug: r.systemSlug, tier: r.tier }),
      ),
    })),
    owners,
    ownersOf,
    reviews,
    reviewerRevision: rows.revision
      ? {
          ...rows.revision,
          openedAt: utc(rows.revision.openedAt),
          firstFileViewAt: utc(rows.revision.firstFileViewAt),
        }
      : null,
    now,
  };
}

/** The person's verdict for each requirement, from live ownership, level and authorship. */
export function verdictsFor(
  ctx: ChangeContext,
  personId: string,
  person?: { name: string; handle: string; level: Level; active: boolean },
): { requirement: ContextRequirement; verdict: CandidateVerdict }[] {
  if (ctx.ownersOf !== "all" && !ctx.ownersOf.has(personId))
    throw new Error(`verdictsFor: the context did not load the ownership of ${personId}`);
  return ctx.requirements.map((requirement) => {
    const owner = ctx.owners.get(requirement.systemId)?.find((o) => o.person.id === personId);
    const candidate = owner ?? {
      person: {
        id: personId,
        name: person?.name ?? "",
        handle: person?.handle ?? "",
        level: person?.level ?? "JUNIOR",
        active: person?.active ?? true,
        outOfOfficeUntil: null,
      },
      via: [],
    };
    return {
      requirement,
      verdict: evaluateCandidate(candidate.person, candidate.via, {
        minLevel: requirement.minLevel,
        authorId: ctx.change.authorId,
        coAuthorIds: ctx.coAuthorIds,
        now: ctx.now,
        capacity: Number.POSITIVE_INFINITY,
      }),
    };
  });
}

/** Reviewers whose latest review requests changes (or rejects) and who have not approved a later revision. */
export function blockingReviewers(reviews: ContextReview[]): ContextReview[] {
  const latest = new Map<string, ContextReview>();
  for (const review of reviews) latest.set(review.reviewerId, review);
  return [...latest.values()].filter((r) => r.decision !== "APPROVE");
}

export function currentApprovalState(
  ctx: ChangeContext,
): ApprovalState & { views: RequirementView[] } {
  const approvals = ctx.reviews.filter(
    (r) => r.revision === ctx.change.currentRevision && r.decision === "APPROVE",
  );
  const views: RequirementView[] = ctx.requirements.map((requirement) => ({
    systemSlug: requirement.systemSlug,
    approvalsRequired: requirement.approvalsRequired,
    minLevel: requirement.minLevel,
    principalRequired: requirement.principalRequired,
    frozen: requirement.frozen,
    emergencyApprovals: requirement.emergencyApprovals,
    approvers: approvals
      .filter((a) =>
        verdictsFor(ctx, a.reviewerId).some(
          (v) => v.requirement.id === requirement.id && v.verdict.mayApprove,
        ),
      )
      .map((a) => ({ reviewerId: a.reviewerId, level: a.level })),
  }));
  const state = approvalState({
    requirements: views,
    blockedBy: blockingReviewers(ctx.reviews).map((r) => `@${r.handle}`),
    emergency: ctx.change.emergency,
  });
  return { ...state, views };
}

/** Each requirement's progress in words ("1 of 2 approvals (Ana Ruiz ✓), 1 more SENIOR+ needed"). */
export function approvalProgress(
  ctx: ChangeContext,
  views: RequirementView[] = currentApprovalState(ctx).views,
): { systemSlug: string; line: string }[] {
  const nameOf = new Map(ctx.reviews.map((r) => [r.reviewerId, r.name]));
  return views.map((view) => ({
    systemSlug: view.systemSlug,
    line: progressLine({
      ...view,
      approvers: view.approvers.map((a) => ({
        name: nameOf.get(a.reviewerId) ?? "",
        level: a.level,
      })),
    }),
  }));
}

export function assertAuthor(ctx: ChangeContext, userId: string) {
  if (!isAuthorOrCoAuthor(authorshipOf(ctx), userId)) {
    throw new AppError(
      "FORBIDDEN",
      `Only the author or a co-author of ${ctx.change.key} can do this.`,
    );
  }
}

export const authorshipOf = (ctx: ChangeContext) => ({
  authorId: ctx.change.authorId,
  coAuthorIds: ctx.coAuthorIds,
});

/** A draft is invisible to anyone but its authors and admins: the same 404 as a missing change. */
export function assertMaySee(ctx: ChangeContext, viewer: Viewer) {
  if (!maySeeChange(viewer, { ...authorshipOf(ctx), status: ctx.change.status }))
    throw notFound("No such change.");
}

export interface SignOffStanding {
  /** Whether the person may sign off at least one requirement of the change now. */
  mayApprove: boolean;
  /** Why not, said to the person ("not an owner; author"), or null when they may. */
  why: string | null;
  verdicts: { requirement: ContextRequirement; verdict: CandidateVerdict }[];
}

/**
 * The one answer to "may this person sign this change?": the approval, the review page's actions,
 * the file-view marks and the review-open record all ask here; routing and the queue read the same
 * ownership (the SystemOwnership view) and the same verdicts (lib/domain/routing/eligibility.ts).
 */
export function signOffStanding(
  ctx: ChangeContext,
  person: { id: string; name: string; handle: string; level: Level; active: boolean },
): SignOffStanding {
  const verdicts = verdictsFor(ctx, person.id, person);
  const mayApprove = verdicts.some((v) => v.verdict.mayApprove);
  const why = mayApprove
    ? null
    : [...new Set(verdicts.map((v) => v.verdict.reason.replace(/^excluded: /, "")))].join("; ") ||
      "the change has no requirements";
  return { mayApprove, why, verdicts };
}
