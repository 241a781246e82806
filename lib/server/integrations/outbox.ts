// What the outside world must hear of an event, queued in the event's own transaction
// (lib/server/audit/record.ts calls it for every event): the webhooks subscribed to it get it; a
// change's pull requests get their countersign/sign-off status again; a change freeze may change
// every open pull request's status.
// The jobs read the state when they run, so a status is never older than the last event. Every
// write of the portal passes here, so it asks PostgreSQL once: who must hear of this event?
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { enqueue, QUEUES } from "@/lib/jobs/boss";
import { queueEventWebhooks, type OutboundEvent } from "./outbound";

function pullRequestsOf(event: OutboundEvent): Prisma.Sql {
  if (event.changeKey)
    return Prisma.sql`
      SELECT 'pull-request' AS kind, p.id FROM "PullRequest" p JOIN "ChangeRequest" c ON c.id = p."changeId"
       WHERE c.key = ${event.changeKey}`;
  if (event.action === "policy.window_saved")
    return Prisma.sql`
      SELECT 'pull-request' AS kind, p.id FROM "PullRequest" p JOIN "ChangeRequest" c ON c.id = p."changeId"
       WHERE c.status IN ('PENDING', 'CHANGES_REQUESTED', 'APPROVED')`;
  return Prisma.sql`SELECT NULL::text AS kind, NULL::text AS id WHERE false`;
}

export async function afterEvent(tx: Tx, event: OutboundEvent): Promise<void> {
  const rows = await tx.$queryRaw<{ kind: "webhook" | "pull-request"; id: string }[]>`
    SELECT 'webhook' AS kind, id FROM "OutboundEndpoint"
     WHERE kind = 'WEBHOOK' AND active AND (cardinality(events) = 0 OR ${event.action} = ANY(events))
    UNION ALL ${pullRequestsOf(event)}`;
  await queueEventWebhooks(
    tx,
    rows.filter((r) => r.kind === "webhook").map((r) => r.id),
    event,
  );
  await queueSignOffStatuses(
    tx,
    rows.filter((r) => r.kind === "pull-request").map((r) => r.id),
  );
}

/**
 * Asks for these pull requests' countersign/sign-off statuses again, in the caller's transaction.
 * The queue keeps one waiting job per pull request and drops one asked for while another waits
 * (policy "stately"), and that waiting job may start before this transaction commits: it would
 * read the state before this event, and no job would be left to post the event. So this
 * transaction holds a shared lock per pull request until it commits, and the job takes the same
 * lock exclusively before it reads (./status.ts): whichever job runs, it reads what every event
 * that asked for it wrote. Advisory locks, not the pull request's row: a delivery holds that row
 * while it waits for the change, and an approval holds the change: rows would deadlock.
 */
export async function queueSignOffStatuses(tx: Tx, pullRequestIds: string[]): Promise<void> {
  if (pullRequestIds.length === 0) return;
  await tx.$queryRaw`
    SELECT pg_advisory_xact_lock_shared(hashtext('sign-off-status'), hashtext(id))::text
      FROM unnest(${pullRequestIds}::text[]) AS id`;
  for (const pullRequestId of pullRequestIds)
    await enqueue(tx, QUEUES.signOffStatus, { pullRequestId }, { singletonKey: pullRequestId });
}
