// What the outside world must hear of an event, queued in the event's own transaction
// (lib/server/audit/record.ts calls it for every event): the webhooks subscribed to it get it; a
// change's pull requests get their countersign/sign-off status again; a change freeze may change
// every open pull request's status.
// The jobs read the state when they run, so a status is never older than the last event.
import type { Tx } from "@/lib/db";
import { enqueue, QUEUES } from "@/lib/jobs/boss";
import { queueEventWebhooks, type OutboundEvent } from "./outbound";

export async function afterEvent(tx: Tx, event: OutboundEvent): Promise<void> {
  await queueEventWebhooks(tx, event);
  const rows = event.changeKey
    ? await tx.$queryRaw<{ id: string }[]>`
        SELECT p.id FROM "PullRequest" p JOIN "ChangeRequest" c ON c.id = p."changeId"
         WHERE c.key = ${event.changeKey}`
    : event.action === "policy.window_saved"
      ? await tx.$queryRaw<{ id: string }[]>`
          SELECT p.id FROM "PullRequest" p JOIN "ChangeRequest" c ON c.id = p."changeId"
           WHERE c.status IN ('PENDING', 'CHANGES_REQUESTED', 'APPROVED')`
      : [];
  for (const { id } of rows) await queueSignOffStatus(tx, id);
}

export async function queueSignOffStatus(tx: Tx, pullRequestId: string): Promise<void> {
  await enqueue(tx, QUEUES.signOffStatus, { pullRequestId }, { singletonKey: pullRequestId });
}
