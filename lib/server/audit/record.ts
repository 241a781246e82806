// The one way to write the audit trail: inside the caller's transaction, through the database
// function audit_append, which takes a transaction-level advisory lock, numbers the event after
// the latest committed one, hashes it and inserts it, all in one statement. The chain therefore
// grows in commit order without gaps, and a rolled-back transaction takes its event with it.
import type { Tx } from "@/lib/db";
import { auditEventSchema, type AuditActor, type AuditEventInput } from "@/lib/domain/audit/events";
import { afterEvent } from "@/lib/server/integrations/outbox";
import { canonicalAroundSeq, storablePayload, type ChainedEvent } from "@/lib/domain/audit/chain";

export interface RecordedEvent {
  seq: number;
  hash: string;
}

export async function record(
  tx: Tx,
  actor: AuditActor,
  input: AuditEventInput,
): Promise<RecordedEvent> {
  // An interactive transaction client has no $connect: outside one, the lock would not hold.
  if (typeof (tx as unknown as { $connect?: unknown }).$connect === "function") {
    throw new Error(
      "record() must run inside the caller's transaction (pass the `tx` of db.$transaction)",
    );
  }
  const body = auditEventSchema.parse({
    action: input.action,
    subjectType: input.subjectType,
    payload: input.payload,
  });
  const event: Omit<ChainedEvent, "seq"> = {
    at: new Date(),
    actorType: actor.type,
    actorId: actor.id,
    actorName: actor.name,
    action: body.action,
    subjectType: body.subjectType,
    subjectId: input.subjectId ?? null,
    subjectLabel: input.subjectLabel ?? null,
    changeKey: input.changeKey ?? null,
    payload: storablePayload(body.payload),
  };
  const { head, tail } = canonicalAroundSeq(event);
  const rows = await tx.$queryRaw<{ seq: bigint; hash: string }[]>`
    SELECT seq, hash FROM audit_append(
      ${event.at}::timestamptz, ${event.actorType}::"ActorType", ${event.actorId}, ${event.actorName}, ${event.action},
      ${event.subjectType}, ${event.subjectId}, ${event.subjectLabel}, ${event.changeKey},
      ${JSON.stringify(event.payload)}::jsonb, ${head}, ${tail})`;
  await afterEvent(tx, { ...event, seq: Number(rows[0]!.seq) });
  return { seq: Number(rows[0]!.seq), hash: rows[0]!.hash };
}
