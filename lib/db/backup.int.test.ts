// Issue 17: a backup of the embedded PostgreSQL, taken through the low-level backup API while it
// runs, restores into a new data directory whose audit chain and checkpoints verify.
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { checkpointConfig, loadCheckpoints, takeCheckpoint } from "@/lib/server/audit/checkpoints";
import { verifyChain } from "@/lib/server/audit/verify";
import { appendEvents } from "@/lib/testing/audit-events";
import { physicalBackup, restoreBackup } from "./backup";
import { ensureDatabase, startEmbeddedPostgres } from "./embedded";
import { migrate } from "./migrate";

describe("backup and restore of the embedded PostgreSQL", () => {
  it("restores a running server's backup into a new data directory; the chain and its checkpoints verify", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "cs-backup-"));
    const anchors = checkpointConfig({
      AUDIT_SIGNING_KEY: generateKeyPairSync("ed25519")
        .privateKey.export({ type: "pkcs8", format: "pem" })
        .toString(),
      AUDIT_CHECKPOINT_LOG: path.join(root, "checkpoints.jsonl"),
    } as unknown as NodeJS.ProcessEnv);
    const source = await startEmbeddedPostgres({
      dataDir: path.join(root, "pg"),
      persistent: true,
    });
    let events: number;
    try {
      await ensureDatabase(source.url("postgres"), "countersign");
      await migrate(source.url("countersign"));
      const pool = new pg.Pool({ connectionString: source.url("countersign"), max: 2 });
      try {
        await appendEvents(pool, 5);
        expect(await takeCheckpoint(pool, anchors)).not.toBeNull();
        await appendEvents(pool, 2); // after the checkpoint, before the backup
        const lines: string[] = [];
        const result = await physicalBackup(
          source.url("postgres"),
          path.join(root, "pg"),
          path.join(root, "backup.tar.gz"),
          (l) => lines.push(l),
        );
        expect(result.bytes).toBeGreaterThan(0);
        expect(lines.join("\n")).toMatch(/wrote .*backup\.tar\.gz/);
        await appendEvents(pool, 3); // after the backup: not in it
        events = 7;
      } finally {
        await pool.end();
      }
    } finally {
      await source.stop();
    }

    await restoreBackup(path.join(root, "backup.tar.gz"), path.join(root, "restored"));
    const restored = await startEmbeddedPostgres({
      dataDir: path.join(root, "restored"),
      persistent: true,
    });
    const pool = new pg.Pool({ connectionString: restored.url("countersign"), max: 2 });
    try {
      const checkpoints = await loadCheckpoints(pool, anchors.logFile);
      expect(checkpoints).toHaveLength(1);
      const verified = await verifyChain(pool, { checkpoints, verifyKey: anchors.verifyKey });
      expect(verified).toEqual({ ok: true, events, checkpoints: 1 });
    } finally {
      await pool.end();
      await restored.stop();
    }
  }, 180_000);
});
