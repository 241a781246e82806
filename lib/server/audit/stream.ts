// GET /api/v1/audit: the trail as NDJSON from a sequence number on, for SIEM ingestion. Streamed in
// batches (lib/server/audit/read.ts), never held in memory. Polling reads are not themselves
// audited (each poll would add an event for the next poll to fetch); the token's last use is kept
// and full exports are audited (docs/decisions/0012-api-tokens.md).
import type pg from "pg";
import { z } from "zod";
import { chunkStream, exportChunks } from "./export";

export const auditStreamQuerySchema = z
  .object({
    since: z.coerce
      .number({ message: "must be a sequence number" })
      .int("must be a whole number")
      .min(0)
      .max(Number.MAX_SAFE_INTEGER)
      .default(0)
      .meta({ description: "Only events after this seq (0: from the start)" }),
  })
  .strict();

export function streamAudit(
  pool: pg.Pool,
  query: z.output<typeof auditStreamQuerySchema>,
): Response {
  const chunks = exportChunks(pool, "ndjson", { fromSeq: query.since });
  const body = chunkStream(chunks);
  return new Response(body, {
    headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" },
  });
}
