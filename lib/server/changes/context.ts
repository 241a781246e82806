// What every transition of a change needs to decide: the change, locked; its requirements; who
// may review it now (live eligibility); and the reviews so far. Read inside the transition's
// transaction after `SELECT ... FOR UPDATE`, so concurrent reviewers see each other's work.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
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

/** The change, locked for the rest of the transaction (`lock: false` for a plain read). */
export async function lockChange(
  tx: Tx,
  key: string,
  options: { lock?: boolean } = {},
): Promise<LockedChange> {
  const lock = options.lock === false ? Prisma.empty : Prisma.sql`FOR UPDATE`;
  const rows = await tx.$queryRaw<LockedChange[]>`
    SELECT id, key, title, status::text AS status, "authorId", "currentRevision", emergency, coalesce("riskFlags", '{}')::text[] AS "riskFlags",
           "firstReviewAt", "retrospectiveDueAt", "linesAdded", "linesRemoved"
      FROM "ChangeRequest" WHERE key = ${key} ${lock}`;
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
}

export interface ContextReview {
  reviewerId: string;
  handle: string;
  level: Level;
  revision: number;
  decision: "APPROVE" | "REQUEST_CHANGES" | "REJECT";
  createdAt: Date;
}

export interface ChangeContext {
  change: LockedChange;
  coAuthorIds: string[];
  requirements: ContextRequirement[];
  owners: Map<string, OwnerCandidate[]>;
  reviews: ContextReview[];
  now: Date;
}

export async function loadContext(
  tx: Tx,
  change: LockedChange,
  now = new Date(),
): Promise<ChangeContext> {
  const [coAuthors, requirements, reviews, windows] = [
    await tx.changeCoAuthor.findMany({ where: { changeId: change.id }, select: { userId: true } }),
    await tx.requirement.findMany({
      where: { changeId: change.id },
      include: { system: { select: { slug: true, tier: true } } },
    }),
    await tx.review.findMany({
      where: { changeId: change.id },
      orderBy: { createdAt: "asc" },
      include: { reviewer: { select: { handle: true, level: true } } },
    }),
    await activeWindows(tx, now),
  ];
  const owners = await loadSystemOwners(
    tx,
    requirements.map((r) => r.systemId),
  );
  return {
    change,
    coAuthorIds: coAuthors.map((c) => c.userId),
    requirements: requirements.map((r) => ({
      id: r.id,
      systemId: r.systemId,
      systemSlug: r.system.slug,
      tier: r.system.tier,
      approvalsRequired: r.approvalsRequired,
      minLevel: r.minLevel,
      principalRequired: r.principalRequired,
      // Freezes are read now, not as routed: a freeze may have started or ended since.
      frozen: windows.some(
        (w) =>
          w.kind === "FREEZE" &&
          covers(w, { id: r.systemId, slug: r.system.slug, tier: r.system.tier }),
      ),
      emergencyApprovals: r.emergencyApprovals,
    })),
    owners,
    reviews: reviews.map((r) => ({
      reviewerId: r.reviewerId,
      handle: r.reviewer.handle,
      level: r.reviewer.level,
      revision: r.revision,
      decision: r.decision,
      createdAt: r.createdAt,
    })),
    now,
  };
}

/** The person's verdict for each requirement, from live ownership, level and authorship. */
export function verdictsFor(
  ctx: ChangeContext,
  personId: string,
  person?: { name: string; handle: string; level: Level; active: boolean },
): { requirement: ContextRequirement; verdict: CandidateVerdict }[] {
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

export function assertAuthor(ctx: ChangeContext, userId: string) {
  if (ctx.change.authorId !== userId && !ctx.coAuthorIds.includes(userId)) {
    throw new AppError(
      "FORBIDDEN",
      `Only the author or a co-author of ${ctx.change.key} can do this.`,
    );
  }
}
