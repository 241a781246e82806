// Exports the audit trail as NDJSON or CSV, streamed in batches. An export is itself audited, in
// its own transaction, before the first byte goes out.
import type { Actor } from "@/lib/domain/actor";
import type pg from "pg";
import { stringify } from "csv-stringify/sync";

import type { StoredEvent } from "@/lib/domain/audit/chain";
import { mutate } from "./mutate";
import { readEvents, type ReadRange } from "./read";
import { storedCheckpoints, toRecord as toCheckpointRecord } from "./checkpoints";

export type ExportFormat = "csv" | "ndjson";

const COLUMNS = [
  "seq",
  "at",
  "actor_type",
  "actor_id",
  "actor_name",
  "action",
  "subject_type",
  "subject_id",
  "subject_label",
  "change_key",
  "payload",
  "prev_hash",
  "hash",
];

function toRecord(e: StoredEvent & { prevHash: string; hash: string }) {
  return {
    seq: e.seq,
    at: e.at.toISOString(),
    actor: { type: e.actorType, id: e.actorId, name: e.actorName },
    action: e.action,
    subject: { type: e.subjectType, id: e.subjectId, label: e.subjectLabel },
    changeKey: e.changeKey,
    payload: e.payload,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

export async function* exportChunks(
  pool: pg.Pool,
  format: ExportFormat,
  range: ReadRange,
): AsyncGenerator<string> {
  if (format === "csv") yield stringify([COLUMNS]);
  let first: number | null = null;
  let last: number | null = null;
  for await (const batch of readEvents(pool, range)) {
    first ??= batch[0]?.seq ?? null;
    last = batch.at(-1)?.seq ?? last;
    if (format === "ndjson") {
      yield batch.map((e) => JSON.stringify(toRecord(e))).join("\n") + "\n";
    } else {
      yield stringify(
        batch.map((e) => [
          e.seq,
          e.at.toISOString(),
          e.actorType,
          e.actorId ?? "",
          e.actorName,
          e.action,
          e.subjectType,
          e.subjectId ?? "",
          e.subjectLabel ?? "",
          e.changeKey ?? "",
          JSON.stringify(e.payload),
          e.prevHash,
          e.hash,
        ]),
      );
    }
  }
  // NDJSON carries the signed checkpoints of the exported range after its events, so an auditor
  // verifies offline (scripts/verify-export.mjs, README "Audit trail").
  if (format === "ndjson" && first !== null && last !== null) {
    const checkpoints = await storedCheckpoints(pool, { from: first, to: last });
    if (checkpoints.length)
      yield (
        checkpoints.map((c) => JSON.stringify({ checkpoint: toCheckpointRecord(c) })).join("\n") +
        "\n"
      );
  }
}

/** An export's chunks as a response body that pulls the next batch only when the client reads. */
export function chunkStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

export async function recordExport(
  actor: Actor,
  format: ExportFormat,
  via: "cli" | "ui" | "api",
  filters: Record<string, string | null>,
) {
  await mutate(actor, async () => ({
    result: undefined,
    event: {
      action: "audit.exported",
      subjectType: "audit",
      subjectId: null,
      subjectLabel: "audit trail",
      payload: { format, via, filters },
    },
  }));
}
