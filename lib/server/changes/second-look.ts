// "Reviewing the reviewer" (docs/decisions/0014-reviewer-workplace.md). When an AI-assisted change
// is approved, a share of them (lib/domain/review/second-look.ts) is sampled inside the approving
// transaction and given to another eligible senior, who agrees or raises a concern. A concern tells
// the approvers and their team managers and is audited; it does not block a deploy. Managers and
// admins may also ask for a second look on any approved change.
import { z } from "zod";
import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";
import { can } from "@/lib/authz/can";
import type { PersonActor } from "@/lib/domain/actor";
import { isSeniorPlus } from "@/lib/domain/levels";
import {
  pickSecondLooker,
  REASON_LABEL,
  sampled,
  type SecondLookReason,
  type SecondLookShares,
} from "@/lib/domain/review/second-look";
import { env } from "@/lib/env";
import { AppError, forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { mutate } from "@/lib/server/audit/mutate";
import { notify } from "@/lib/server/notify";
import {
  assertMaySee,
  loadContext,
  lockChange,
  verdictsFor,
  type ChangeContext,
  type LockedChange,
  changeSubject,
} from "./context";

export function shares() {
  const e = env();
  return {
    base: e.SECOND_LOOK_SHARE,
    tierOne: e.SECOND_LOOK_SHARE_TIER1,
    rubberStamp: e.SECOND_LOOK_SHARE_RUBBER_STAMP,
  };
}

const approvalsOf = (ctx: ChangeContext) =>
  ctx.reviews.filter((r) => r.revision === ctx.change.currentRevision && r.decision === "APPROVE");

/**
 * Gives the approved change to another eligible senior (not an author, not an approver), the one
 * with the fewest second looks waiting. Returns null when nobody else may look.
 */
async function assignIn(
  tx: Tx,
  change: LockedChange,
  reason: SecondLookReason,
  requestedById: string | null,
): Promise<{ id: string; reviewerId: string; approverIds: string[] } | null> {
  const ctx = await loadContext(tx, change, { owners: "all" });
  const approverIds = [...new Set(approvalsOf(ctx).map((r) => r.reviewerId))];
  const people = new Map(
    [...ctx.owners.values()].flat().map((o) => [o.person.id, o.person] as const),
  );
  const eligible = [...people.values()].filter(
    (p) =>
      p.active &&
      isSeniorPlus(p.level) &&
      !approverIds.includes(p.id) &&
      verdictsFor(ctx, p.id).some((v) => v.verdict.mayApprove),
  );
  if (!eligible.length) return null;
  const load = await tx.secondLook.groupBy({
    by: ["reviewerId"],
    where: { reviewerId: { in: eligible.map((p) => p.id) }, decidedAt: null },
    _count: { _all: true },
  });
  const reviewerId = pickSecondLooker(
    eligible.map((p) => ({
      id: p.id,
      open: load.find((l) => l.reviewerId === p.id)?._count._all ?? 0,
    })),
  )!;
  const row = await tx.secondLook.create({
    data: {
      changeId: change.id,
      revision: change.currentRevision,
      reason,
      approverIds,
      reviewerId,
      requestedById,
      createdAt: ctx.now,
    },
    select: { id: true },
  });
  await notify(tx, [reviewerId], {
    kind: "SECOND_LOOK",
    changeKey: change.key,
    title: `A second look at ${change.key}`,
    body: `"${change.title}" was approved and ${REASON_LABEL[reason]} for an independent look. Do you agree with the approval?`,
  });
  return { id: row.id, reviewerId, approverIds };
}

export interface SampleOptions {
  /** A number in [0, 1): Math.random unless a test forces it. */
  draw?: () => number;
  /** The shares: from the environment unless a test gives them. */
  shares?: SecondLookShares;
}

/**
 * Inside the approving transaction: draws whether the just-approved change is sampled, and if so
 * assigns the second look.
 */
export async function maybeSampleIn(
  tx: Tx,
  ctx: ChangeContext,
  options: SampleOptions = {},
): Promise<{ reason: SecondLookReason; reviewerId: string } | null> {
  const [facts] = await tx.$queryRaw<{ aiExtent: "NONE" | "ASSISTED" | "GENERATED" | "AGENTIC" }[]>`
    SELECT "aiExtent"::text AS "aiExtent" FROM "ChangeRequest" WHERE id = ${ctx.change.id}`;
  const reason = sampled(
    {
      aiExtent: facts!.aiExtent,
      tier: Math.min(...ctx.requirements.map((r) => r.tier), 9),
      rubberStamp: approvalsOf(ctx).some((r) => r.possibleRubberStamp),
    },
    options.shares ?? shares(),
    (options.draw ?? Math.random)(),
  );
  if (!reason) return null;
  const assigned = await assignIn(tx, ctx.change, reason, null);
  return assigned ? { reason, reviewerId: assigned.reviewerId } : null;
}

const LOOKABLE = ["APPROVED", "DEPLOYED", "ROLLED_BACK"];

/** A manager or an admin asks for a second look at an approved change. */
export async function requestSecondLook(actor: PersonActor, key: string) {
  if (!can(actor, "dashboard:read"))
    throw forbidden("Only managers and admins ask for a second look.");
  return mutate(actor, async (tx) => {
    const change = await lockChange(tx, key);
    if (!LOOKABLE.includes(change.status))
      throw new AppError("CONFLICT", `${key} is not approved: a second look follows an approval.`);
    const existing = await tx.secondLook.findUnique({
      where: { changeId_revision: { changeId: change.id, revision: change.currentRevision } },
      select: { id: true },
    });
    if (existing)
      throw new AppError(
        "CONFLICT",
        `Revision ${change.currentRevision} of ${key} already has a second look.`,
      );
    const assigned = await assignIn(tx, change, "REQUESTED", actor.id);
    if (!assigned)
      throw new AppError(
        "CONFLICT",
        `Nobody else may look at ${key}: every eligible senior approved it or wrote it.`,
      );
    const reviewer = await tx.user.findUniqueOrThrow({
      where: { id: assigned.reviewerId },
      select: { handle: true },
    });
    return {
      result: { id: assigned.id, reviewer: reviewer.handle },
      event: {
        action: "second_look.assigned",
        ...changeSubject(change),
        payload: {
          revision: change.currentRevision,
          reason: "REQUESTED",
          reviewer: `@${reviewer.handle}`,
        },
      },
    };
  });
}

export const secondLookSchema = z
  .object({
    verdict: z.enum(["AGREE", "CONCERN"], { message: "must be AGREE or CONCERN" }),
    comment: z.string().trim().max(10_000).default(""),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.verdict === "CONCERN" && v.comment.length < 10)
      ctx.addIssue({
        code: "custom",
        path: ["comment"],
        message: "say what concerns you (at least 10 characters)",
      });
  });

/** The assigned senior agrees with the approval or raises a concern. */
export async function decideSecondLook(actor: PersonActor, key: string, raw: unknown) {
  const input = parseInput(secondLookSchema, raw);
  return mutate(actor, async (tx) => {
    const change = await lockChange(tx, key);
    const ctx = await loadContext(tx, change, { owners: [] });
    assertMaySee(ctx, actor);
    const look = await tx.secondLook.findFirst({
      where: { changeId: change.id, reviewerId: actor.id },
      orderBy: { createdAt: "desc" },
      select: { id: true, revision: true, verdict: true, approverIds: true },
    });
    if (!look) throw forbidden(`No second look at ${key} is assigned to you.`);
    if (look.verdict)
      throw new AppError(
        "CONFLICT",
        `You already ${look.verdict === "AGREE" ? "agreed with" : "raised a concern on"} this approval.`,
      );
    await tx.secondLook.update({
      where: { id: look.id },
      data: { verdict: input.verdict, comment: input.comment, decidedAt: ctx.now },
    });
    if (input.verdict === "CONCERN") {
      const managers = await tx.team.findMany({
        where: {
          managerId: { not: null },
          OR: [
            { members: { some: { userId: { in: look.approverIds } } } },
            { systems: { some: { id: { in: ctx.requirements.map((r) => r.systemId) } } } },
          ],
        },
        select: { managerId: true },
      });
      await notify(
        tx,
        [...look.approverIds, ...managers.map((m) => m.managerId!)].filter((id) => id !== actor.id),
        {
          kind: "SECOND_LOOK_CONCERN",
          changeKey: key,
          title: `A concern on the approval of ${key}`,
          body: `${actor.name} took a second look at "${change.title}" and is concerned: ${input.comment}`,
        },
      );
    }
    return {
      result: { verdict: input.verdict },
      event: {
        action: "second_look.decided",
        ...changeSubject(change),
        payload: { revision: look.revision, verdict: input.verdict, comment: input.comment },
      },
    };
  });
}

export interface SecondLookView {
  id: string;
  revision: number;
  reason: SecondLookReason;
  reviewer: { id: string; name: string };
  verdict: "AGREE" | "CONCERN" | null;
  comment: string;
  createdAt: Date;
  decidedAt: Date | null;
}

export async function secondLooksOf(changeId: string): Promise<SecondLookView[]> {
  return db.secondLook.findMany({
    where: { changeId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      revision: true,
      reason: true,
      verdict: true,
      comment: true,
      createdAt: true,
      decidedAt: true,
      reviewer: { select: { id: true, name: true } },
    },
  });
}

export interface SecondLookFigures {
  key: string;
  name: string;
  sampled: number;
  decided: number;
  agreed: number;
  concerns: number;
}

/** Per approver and per approver's team: approvals sampled, and how the second looks went. */
export async function secondLookFigures(
  since: Date,
  until: Date = new Date(8.64e15),
): Promise<{
  approvers: SecondLookFigures[];
  teams: SecondLookFigures[];
}> {
  const rows = await db.$queryRaw<
    {
      scope: "approver" | "team";
      key: string;
      name: string;
      sampled: bigint;
      decided: bigint;
      agreed: bigint;
      concerns: bigint;
    }[]
  >`
    WITH looks AS (
      SELECT unnest(l."approverIds") AS "approverId", l.verdict
        FROM "SecondLook" l WHERE l."createdAt" >= ${since} AND l."createdAt" < ${until})
    SELECT 'approver' AS scope, u.handle AS key, u.name,
           count(*) AS sampled, count(l.verdict) AS decided,
           count(*) FILTER (WHERE l.verdict = 'AGREE') AS agreed,
           count(*) FILTER (WHERE l.verdict = 'CONCERN') AS concerns
      FROM looks l JOIN "User" u ON u.id = l."approverId"
     GROUP BY u.handle, u.name
    UNION ALL
    SELECT 'team', t.slug, t.name,
           count(*), count(l.verdict),
           count(*) FILTER (WHERE l.verdict = 'AGREE'),
           count(*) FILTER (WHERE l.verdict = 'CONCERN')
      FROM looks l JOIN "TeamMember" m ON m."userId" = l."approverId" JOIN "Team" t ON t.id = m."teamId"
     GROUP BY t.slug, t.name
     ORDER BY 4 DESC, 2`;
  const figures = (scope: "approver" | "team") =>
    rows
      .filter((r) => r.scope === scope)
      .map((r) => ({
        key: r.key,
        name: r.name,
        sampled: Number(r.sampled),
        decided: Number(r.decided),
        agreed: Number(r.agreed),
        concerns: Number(r.concerns),
      }));
  return { approvers: figures("approver"), teams: figures("team") };
}
