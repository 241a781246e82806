// Reads the audit table in seq order as a COPY stream, yielding batches, never holding the table
// in memory. COPY is used rather than a SELECT because parsing rows is what `audit verify` and
// exports spend their time on, and COPY's text rows parse about half again as fast as pg's
// per-field protocol.
import { StringDecoder } from "node:string_decoder";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { StoredEvent } from "@/lib/domain/audit/chain";
import type { ActorType } from "@/lib/domain/audit/events";

export interface ReadRange {
  since?: Date;
  until?: Date;
  /** Only fromSeq < seq <= toSeq (default: the whole table). */
  fromSeq?: number;
  toSeq?: number;
  batchSize?: number;
}

const ESCAPES: Record<string, string> = {
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
};

/** One field of COPY's text format: \N is NULL, and backslash escapes a few characters. */
function field(raw: string): string | null {
  if (raw === "\\N") return null;
  return raw.includes("\\") ? raw.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c) : raw;
}

function toEvent(line: string): StoredEvent {
  const f = line.split("\t");
  return {
    seq: Number(f[0]),
    at: new Date(Number(f[1])),
    actorType: f[2] as ActorType,
    actorId: field(f[3]!),
    actorName: field(f[4]!)!,
    action: f[5]!,
    subjectType: f[6]!,
    subjectId: field(f[7]!),
    subjectLabel: field(f[8]!),
    changeKey: field(f[9]!),
    // jsonb's text output escapes control characters itself; only COPY's backslash doubling remains.
    payload: JSON.parse(field(f[10]!)!) as unknown,
    prevHash: f[11]!,
    hash: f[12]!,
  };
}

function copySql(client: pg.PoolClient, range: ReadRange): string {
  const where = ["true"];
  if (range.fromSeq !== undefined) where.push(`seq > ${Math.trunc(range.fromSeq)}`);
  if (range.toSeq !== undefined) where.push(`seq <= ${Math.trunc(range.toSeq)}`);
  if (range.since)
    where.push(`at >= ${client.escapeLiteral(range.since.toISOString())}::timestamptz`);
  if (range.until)
    where.push(`at < ${client.escapeLiteral(range.until.toISOString())}::timestamptz`);
  return `COPY (SELECT seq, (extract(epoch FROM at) * 1000)::bigint, "actorType", "actorId", "actorName", action,
                       "subjectType", "subjectId", "subjectLabel", "changeKey", payload, "prevHash", hash
                  FROM "AuditEvent" WHERE ${where.join(" AND ")} ORDER BY seq) TO STDOUT`;
}

export async function* readEvents(
  pool: pg.Pool,
  range: ReadRange = {},
): AsyncGenerator<StoredEvent[]> {
  const batchSize = range.batchSize ?? 5_000;
  const client = await pool.connect();
  let finished = false;
  try {
    const stream = client.query(copyTo(copySql(client, range)));
    const decoder = new StringDecoder("utf8");
    let rest = "";
    let batch: StoredEvent[] = [];
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const lines = (rest + decoder.write(chunk)).split("\n");
      rest = lines.pop()!;
      for (const line of lines) batch.push(toEvent(line));
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    rest += decoder.end();
    if (rest) batch.push(toEvent(rest));
    if (batch.length) yield batch;
    finished = true;
  } finally {
    // A consumer that stopped early (or an error) leaves the COPY unfinished: discard that connection.
    client.release(finished ? undefined : true);
  }
}
