// Issue 17: whoever can rewrite the database can recompute every later hash, and `audit verify`
// over the chain alone then says ok. The signed checkpoints name the rewrite; and the role the app
// connects as cannot make the rewrite in the first place.
import { generateKeyPairSync } from "node:crypto";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { hashEvent } from "@/lib/domain/audit/chain";
import { appendEvents } from "@/lib/testing/audit-events";
import { readEvents } from "./read";
import { exportChunks } from "./export";
import { checkpointConfig, loadCheckpoints, takeCheckpoint } from "./checkpoints";
import { verifyChain } from "./verify";

// A database of its own: the chain's head here is only what this file appends.
let pool: pg.Pool;
let own: TestDatabase;
const pgPool = () => pool;
beforeAll(async () => {
  own = await createTestDatabase("anchor");
  pool = new pg.Pool({ connectionString: own.url, max: 2 });
});
afterAll(async () => {
  await pool.end();
  await own.dispose();
});

function config() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cs-anchor-"));
  const { privateKey } = generateKeyPairSync("ed25519");
  return checkpointConfig({
    AUDIT_SIGNING_KEY: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    AUDIT_CHECKPOINT_LOG: path.join(dir, "checkpoints.jsonl"),
  } as unknown as NodeJS.ProcessEnv);
}

/** What an attacker who owns the tables does: rewrite one event and rehash the rest of the chain. */
async function rewriteAndRehash(seq: number) {
  const client = new pg.Client({ connectionString: own.url });
  await client.connect();
  try {
    const events = [];
    for await (const batch of readEvents(pgPool())) events.push(...batch);
    await client.query("BEGIN");
    await client.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update"`);
    let prevHash = events.find((e) => e.seq === seq)!.prevHash;
    for (const event of events.filter((e) => e.seq >= seq)) {
      const changed = event.seq === seq ? { ...event, payload: { rewritten: true } } : event;
      const hash = hashEvent(prevHash, changed);
      await client.query(
        `UPDATE "AuditEvent" SET payload = $1, "prevHash" = $2, hash = $3 WHERE seq = $4`,
        [JSON.stringify(changed.payload), prevHash, hash, event.seq],
      );
      prevHash = hash;
    }
    await client.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_no_update"`);
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}

describe("audit anchoring", () => {
  it("names an event rewritten and rehashed after a checkpoint, which the chain alone cannot", async () => {
    const anchors = config();
    await appendEvents(pool, 3);
    const first = await takeCheckpoint(pgPool(), anchors);
    expect(first).not.toBeNull();
    await appendEvents(pool, 3);
    const second = (await takeCheckpoint(pgPool(), anchors))!;
    expect(second.seq).toBeGreaterThan(first!.seq);
    // The log file outside the database holds both, one JSON line each.
    const lines = readFileSync(anchors.logFile, "utf8").trim().split("\n");
    expect(lines.map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([
      first!.seq,
      second.seq,
    ]);

    const checkpoints = await loadCheckpoints(pgPool(), anchors.logFile);
    expect(
      await verifyChain(pgPool(), { checkpoints, verifyKey: anchors.verifyKey }),
    ).toMatchObject({ ok: true });

    const target = first!.seq + 1;
    await rewriteAndRehash(target);
    expect(await verifyChain(pgPool())).toMatchObject({ ok: true }); // the chain alone is fooled
    const result = await verifyChain(pgPool(), { checkpoints, verifyKey: anchors.verifyKey });
    expect(result).toMatchObject({ ok: false, seq: second.seq });
    expect(!result.ok && result.problem).toContain(
      `seq ${first!.seq + 1}-${second.seq} was rewritten`,
    );
  });

  it("signs the head of the chain once it is past seq 9 (ordered as a number, not as text)", async () => {
    const anchors = config();
    await appendEvents(pool, 12);
    const max = await pool.query<{ max: string }>(`SELECT max(seq)::text AS max FROM "AuditEvent"`);
    const checkpoint = (await takeCheckpoint(pgPool(), anchors))!;
    expect(checkpoint.seq).toBe(Number(max.rows[0]!.max));
    await appendEvents(pool, 1);
    const next = (await takeCheckpoint(pgPool(), anchors))!;
    expect(next.seq).toBe(checkpoint.seq + 1);
  });

  it("refuses a checkpoint whose signature does not hold", async () => {
    const anchors = config();
    await appendEvents(pool, 1);
    const checkpoint = (await takeCheckpoint(pgPool(), anchors))!;
    const forged = { ...checkpoint, hash: "f".repeat(64) };
    const result = await verifyChain(pgPool(), {
      checkpoints: [forged],
      verifyKey: anchors.verifyKey,
    });
    expect(result).toMatchObject({ ok: false, seq: checkpoint.seq });
  });
  // The export carries the checkpoints; scripts/verify-export.mjs checks it with Node alone.
  it("an NDJSON export verifies offline, and names a rewrite after its checkpoint", async () => {
    const anchors = config();
    const since = (await pool.query<{ now: Date }>("SELECT now() AS now")).rows[0]!.now;
    await appendEvents(pool, 3);
    const checkpoint = (await takeCheckpoint(pgPool(), anchors))!;
    await appendEvents(pool, 2);
    const dir = mkdtempSync(path.join(os.tmpdir(), "cs-export-"));
    const keyFile = path.join(dir, "key.pub.pem");
    writeFileSync(keyFile, anchors.verifyKey.export({ type: "spki", format: "pem" }));
    const offline = async () => {
      let text = "";
      for await (const chunk of exportChunks(pgPool(), "ndjson", { since })) text += chunk;
      writeFileSync(path.join(dir, "export.ndjson"), text);
      const run = spawnSync(
        process.execPath,
        ["scripts/verify-export.mjs", path.join(dir, "export.ndjson"), keyFile],
        { encoding: "utf8" },
      );
      return { code: run.status, out: run.stdout + run.stderr, text };
    };
    const good = await offline();
    expect(good.text).toContain(`"checkpoint":{"seq":${checkpoint.seq}`);
    expect(good.out).toContain("5 events, 1 of 1 checkpoints signed");
    expect(good.code).toBe(0);

    await rewriteAndRehash(checkpoint.seq - 1);
    const bad = await offline();
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(
      `seq ${checkpoint.seq}: the export's hash differs from the signed checkpoint`,
    );
  });
});

describe("the app's database role (issue 17, defect 3)", () => {
  const asApp = async <T>(work: (client: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ connectionString: own.appUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  it("is not the owner's role", () => {
    expect(new URL(own.appUrl).username).not.toBe(new URL(own.url).username);
  });

  it.each([
    [`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update"`],
    [`ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL`],
    [`UPDATE "AuditEvent" SET payload = '{}' WHERE seq = 1`],
    [`DELETE FROM "AuditEvent" WHERE seq = 1`],
    [`TRUNCATE "AuditEvent"`],
    [`DELETE FROM "AuditCheckpoint"`],
    [`DROP TABLE "AuditEvent"`],
    [`CREATE TABLE "Anything" (id int)`],
  ])("is refused %s", async (statement) => {
    await expect(asApp((c) => c.query(statement))).rejects.toMatchObject({ code: "42501" });
  });

  it("may read and append to the audit trail, and nothing more", async () => {
    const { rows } = await asApp((c) =>
      c.query<Record<string, boolean>>(
        `SELECT has_table_privilege(current_user, '"AuditEvent"', 'SELECT') AS "select",
                has_table_privilege(current_user, '"AuditEvent"', 'INSERT') AS "insert",
                has_table_privilege(current_user, '"AuditEvent"', 'UPDATE') AS "update",
                has_function_privilege(current_user, 'audit_append(timestamptz,"ActorType",text,text,text,text,text,text,text,jsonb,text,text)', 'EXECUTE') AS "append"`,
      ),
    );
    expect(rows[0]).toEqual({ select: true, insert: true, update: false, append: true });
  });
});
