// SLA escalation (docs/architecture.md, "Policy"): a change whose first review is overdue is re-assigned to the
// next eligible reviewers, its teams' managers are told, and the breach is recorded. Run every
// minute by the job worker; each change is its own transaction.
import { db } from "@/lib/db";
import { systemActor } from "@/lib/domain/actor";
import { evaluateCandidates } from "@/lib/domain/routing/eligibility";
import { assignReviewers as pickReviewers } from "@/lib/domain/routing/assign";
import { mutate } from "@/lib/server/audit/mutate";
import { managersOf, notify } from "@/lib/server/notify";
import { loadContext, lockChange } from "./changes/context";
import { assignReviewers, releaseAssignments } from "./changes/writer";

export async function overdueChanges(now: Date, limit = 100): Promise<string[]> {
  const rows = await db.changeRequest.findMany({
    where: { status: "PENDING", slaDueAt: { lt: now }, firstReviewAt: null, slaBreachedAt: null },
    orderBy: { slaDueAt: "asc" },
    take: limit,
    select: { key: true },
  });
  return rows.map((r) => r.key);
}

export async function escalate(key: string, now = new Date()) {
  return mutate(systemActor("sla-escalation"), async (tx) => {
    const change = await lockChange(tx, key);
    const row = await tx.changeRequest.findUniqueOrThrow({
      where: { id: change.id },
      select: { status: true, slaDueAt: true, slaBreachedAt: true, firstReviewAt: true },
    });
    if (
      row.status !== "PENDING" ||
      row.firstReviewAt ||
      row.slaBreachedAt ||
      !row.slaDueAt ||
      row.slaDueAt >= now
    ) {
      return { result: { key, escalated: false }, event: null };
    }
    const ctx = await loadContext(tx, change, { now, owners: "all" });
    const overdue = await tx.assignment.findMany({
      where: { changeId: change.id, state: "OPEN" },
      select: { reviewerId: true, reviewer: { select: { handle: true } } },
    });
    // The overdue reviewers step aside; the next eligible people take their places.
    const outcomes = pickReviewers(
      ctx.requirements.map((r) => ({
        key: r.id,
        approvalsRequired: r.approvalsRequired,
        principalRequired: r.principalRequired,
        candidates: evaluateCandidates(
          (ctx.owners.get(r.systemId) ?? []).filter(
            (o) => !overdue.some((a) => a.reviewerId === o.person.id),
          ),
          { minLevel: r.minLevel, authorId: change.authorId, coAuthorIds: ctx.coAuthorIds, now },
        ),
      })),
      { changeLines: change.linesAdded + change.linesRemoved, now },
    );
    const picks = outcomes.flatMap((o) =>
      o.assigned.map((a) => ({
        ...a,
        systemId: ctx.requirements.find((r) => r.id === o.key)!.systemId,
      })),
    );
    await releaseAssignments(tx, change.id, now);
    await assignReviewers(
      tx,
      {
        id: change.id,
        revision: change.currentRevision,
        linesChanged: change.linesAdded + change.linesRemoved,
      },
      picks.map((pick) => ({
        reviewerId: pick.personId,
        reason: `SLA breached: ${pick.reason}`,
        systemIds: [pick.systemId],
      })),
      { now, restartClock: true },
    );
    await tx.changeRequest.update({ where: { id: change.id }, data: { slaBreachedAt: now } });
    const assigned = [...new Set(picks.map((p) => p.personId))];
    const managers = await managersOf(
      tx,
      ctx.requirements.map((r) => r.systemId),
    );
    await notify(tx, assigned, {
      kind: "ASSIGNED",
      changeKey: key,
      title: `${key} is assigned to you (overdue)`,
      body: `The first review of "${change.title}" is overdue; please review it now.`,
    });
    await notify(tx, managers, {
      kind: "SLA_BREACH",
      changeKey: key,
      title: `${key} missed its review SLA`,
      body: `Nobody reviewed "${change.title}" by ${row.slaDueAt.toISOString().slice(0, 16).replace("T", " ")} UTC; it has been re-assigned.`,
    });
    const handles = new Map(
      (
        await tx.user.findMany({
          where: { id: { in: [...assigned, ...managers] } },
          select: { id: true, handle: true },
        })
      ).map((u) => [u.id, `@${u.handle}`]),
    );
    return {
      result: { key, escalated: true },
      event: {
        action: "change.sla_breached",
        subjectType: "change",
        subjectId: change.id,
        subjectLabel: key,
        changeKey: key,
        payload: {
          dueAt: row.slaDueAt.toISOString(),
          reassignedFrom: overdue.map((a) => `@${a.reviewer.handle}`),
          assigned: assigned.map((id) => handles.get(id)!),
          notified: managers.map((id) => handles.get(id)!),
        },
      },
    };
  });
}

export async function escalateOverdue(now = new Date()): Promise<number> {
  let escalated = 0;
  for (const key of await overdueChanges(now)) {
    if ((await escalate(key, now)).escalated) escalated++;
  }
  return escalated;
}
