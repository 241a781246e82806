import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import pg from "pg";
import { migrate, readMigrations } from "@/lib/db/migrate";

const run = promisify(execFile);

describe("migrations", () => {
  it("agree with schema.prisma (run `npm run db:migration -- <name>` when this fails)", async () => {
    // The engine runs as WebAssembly in its own process (it does not load inside Vitest's module runner).
    const result = await run(process.execPath, ["--import", "tsx", "scripts/db-drift.ts"], {
      env: { ...process.env, DATABASE_URL: process.env.TEST_SERVER_URL },
    }).catch((error: { stdout: string; stderr: string }) => ({
      stdout: error.stdout,
      stderr: error.stderr,
    }));
    expect(result.stdout, result.stderr).toContain(
      "ok: prisma/migrations matches prisma/schema.prisma",
    );
  });

  it("are recorded the way prisma migrate deploy records them, and re-running applies nothing", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
      );
      const local = readMigrations();
      expect(rows.map((r) => r.migration_name)).toEqual(local.map((m) => m.name));
      expect(rows.map((r) => r.checksum)).toEqual(local.map((m) => m.checksum));
      expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    } finally {
      await client.end();
    }
    const again = await migrate(process.env.DATABASE_URL!);
    expect(again.applied).toEqual([]);
  });

  it("refuses an impossible tier at the database", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await expect(
        client.query(
          `INSERT INTO "System" (id, slug, name, tier, "owningTeamId", "updatedAt") VALUES ('x', 'x', 'x', 7, 'nope', now())`,
        ),
      ).rejects.toThrow(/System_tier_check|violates/);
    } finally {
      await client.end();
    }
  });
});
