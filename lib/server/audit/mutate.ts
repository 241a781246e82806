// Every write of the portal goes through `mutate`: one transaction that does the work and records
// exactly one audit event for it. If either fails, neither happens.
import { db, type Tx } from "@/lib/db";
import type { AuditEventInput } from "@/lib/domain/audit/events";
import { auditActorOf, type Actor } from "@/lib/domain/actor";
import { claimIn } from "@/lib/server/idempotency";
import { record } from "./record";

export interface MutationOutcome<T> {
  result: T;
  /** null only when the work wrote nothing (an idempotent repeat): then nothing is recorded. */
  event: AuditEventInput | null;
}

export async function mutate<T>(
  actor: Actor,
  work: (tx: Tx) => Promise<MutationOutcome<T>>,
  options: { timeout?: number } = {},
): Promise<T> {
  return db.$transaction(
    async (tx) => {
      // An Idempotency-Key held by this request is claimed and answered in this transaction.
      const answer = await claimIn(tx);
      const { result, event } = await work(tx);
      if (event) await record(tx, auditActorOf(actor), event);
      await answer?.(result);
      return result;
    },
    { timeout: options.timeout ?? 15_000, maxWait: 10_000 },
  );
}
