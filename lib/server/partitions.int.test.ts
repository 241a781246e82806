// Issue 18: the audit trail and the review facts are partitioned by month (docs/decisions/0017).
// Verify and the export read across partitions; rows for a month without its partition wait in
// the DEFAULT partition and are moved, unchanged, by the next partitions_ensure; the append-only
// guards hold on every partition.
import { generateKeyPairSync } from "node:crypto";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { appendEvents } from "@/lib/testing/audit-events";
import { exportChunks } from "./audit/export";
import { checkpointConfig, takeCheckpoint } from "./audit/checkpoints";
import { verifyChain } from "./audit/verify";
import { ensurePartitions, partitionRows } from "./partitions";

let pool: pg.Pool;
let own: TestDatabase;
beforeAll(async () => {
  own = await createTestDatabase("partitions");
  pool = new pg.Pool({ connectionString: own.url, max: 2 });
});
afterAll(async () => {
  await pool.end();
  await own.dispose();
});

const month = (offset: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 15, 12));
};
const name = (table: string, d: Date) =>
  `${table}_${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
const rowsIn = async (partition: string) =>
  (await partitionRows(pool)).find((p) => p.partition === partition)?.rows ?? null;

describe("month partitions", () => {
  it("the migration leaves this month and three ahead, plus a DEFAULT partition, for each table", async () => {
    const names = (await partitionRows(pool)).map((p) => p.partition);
    for (const table of ["AuditEvent", "MetricChange", "MetricReview"]) {
      expect(names).toContain(`${table}_default`);
      for (const offset of [0, 1, 2, 3]) expect(names).toContain(name(table, month(offset)));
    }
  });

  it("verify and the export cross partitions, including rows moved out of the DEFAULT partition", async () => {
    const old = month(-14);
    const older = month(-13);
    // Partitions for history are made before it is written (as the seeds do).
    expect(await ensurePartitions(pool, old)).toBe(3 * 14);
    await appendEvents(pool, 3, null, old);
    await appendEvents(pool, 2, null, older);
    await appendEvents(pool, 4);
    await appendEvents(pool, 2, null, month(2));
    expect(await rowsIn(name("AuditEvent", old))).toBe(3);
    expect(await rowsIn(name("AuditEvent", older))).toBe(2);
    expect(await rowsIn(name("AuditEvent", month(0)))).toBe(4);
    expect(await rowsIn(name("AuditEvent", month(2)))).toBe(2);
    expect(await verifyChain(pool)).toEqual({ ok: true, events: 11, checkpoints: 0 });

    // Nothing is refused when a month has no partition, and the next run moves the rows.
    await pool.query(`DROP TABLE ${JSON.stringify(name("AuditEvent", month(3)))}`);
    await appendEvents(pool, 2, null, month(3));
    expect(await rowsIn("AuditEvent_default")).toBe(2);
    expect(await ensurePartitions(pool)).toBe(1);
    expect(await rowsIn("AuditEvent_default")).toBe(0);
    expect(await rowsIn(name("AuditEvent", month(3)))).toBe(2);

    // The chain as a whole, and the signed export an auditor checks offline.
    const dir = mkdtempSync(path.join(os.tmpdir(), "cs-partitions-"));
    const { privateKey } = generateKeyPairSync("ed25519");
    const anchors = checkpointConfig({
      AUDIT_SIGNING_KEY: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      AUDIT_CHECKPOINT_LOG: path.join(dir, "checkpoints.jsonl"),
    } as unknown as NodeJS.ProcessEnv);
    const checkpoint = (await takeCheckpoint(pool, anchors))!;
    expect(checkpoint.seq).toBe(13);
    expect(
      await verifyChain(pool, { checkpoints: [checkpoint], verifyKey: anchors.verifyKey }),
    ).toEqual({ ok: true, events: 13, checkpoints: 1 });
    let text = "";
    for await (const chunk of exportChunks(pool, "ndjson", {})) text += chunk;
    const seqs = text
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { seq?: number })
      .filter((r) => r.seq !== undefined)
      .map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    writeFileSync(path.join(dir, "export.ndjson"), text);
    writeFileSync(
      path.join(dir, "key.pem"),
      anchors.verifyKey.export({ type: "spki", format: "pem" }),
    );
    const run = spawnSync(
      process.execPath,
      ["scripts/verify-export.mjs", path.join(dir, "export.ndjson"), path.join(dir, "key.pem")],
      { encoding: "utf8" },
    );
    expect(run.stdout + run.stderr).toContain("13 events, 1 of 1 checkpoints signed");
    expect(run.status).toBe(0);
  });

  it("every partition refuses UPDATE, DELETE and TRUNCATE of audit events", async () => {
    await appendEvents(pool, 1);
    const partitions = (await partitionRows(pool)).filter((p) => p.table === "AuditEvent");
    expect(partitions.length).toBeGreaterThan(15);
    for (const { partition, rows } of partitions) {
      const table = JSON.stringify(partition);
      await expect(pool.query(`TRUNCATE ${table}`)).rejects.toThrow(/append-only/);
      if (rows > 0) await expect(pool.query(`DELETE FROM ${table}`)).rejects.toThrow(/append-only/);
    }
    const here = JSON.stringify(name("AuditEvent", month(0)));
    await expect(pool.query(`UPDATE ${here} SET "actorName" = 'x'`)).rejects.toThrow(/append-only/);
    await expect(pool.query(`DELETE FROM ${here}`)).rejects.toThrow(/append-only/);
    await expect(pool.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
  });

  it("every month partition keeps every index of its table after the dashboard's facts are rebuilt", async () => {
    await pool.query(`SELECT metric_rebuild()`);
    const { rows } = await pool.query<{ parent: string; partition: string; missing: number }>(
      `SELECT p.relname AS parent, c.relname AS partition,
              (SELECT count(*)::int FROM pg_index pi WHERE pi.indrelid = p.oid)
            - (SELECT count(*)::int FROM pg_index ci WHERE ci.indrelid = c.oid) AS missing
         FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_class c ON c.oid = i.inhrelid
        WHERE p.relname IN ('AuditEvent', 'MetricChange', 'MetricReview')`,
    );
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((r) => r.missing !== 0)).toEqual([]);
    const invalid = await pool.query(
      `SELECT indexrelid::regclass::text AS name FROM pg_index WHERE NOT indisvalid`,
    );
    expect(invalid.rows).toEqual([]);
  });
});
