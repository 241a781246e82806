// Issue 18: reads that may be slightly stale (the dashboard's figures) go to a real streaming
// standby when DATABASE_REPLICA_URL names it; what a user sees when it lags. This file runs its
// own primary (an embedded PostgreSQL) so it can take a base backup of it for the standby.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { startStandby, type Standby } from "@/lib/testing/standby";

let primary: EmbeddedServer;
let standby: Standby;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), "cs-replica-"));
  const dataDir = path.join(root, "primary");
  primary = await startEmbeddedPostgres({ dataDir, persistent: false });
  await ensureDatabase(primary.url("postgres"), "countersign");
  await migrate(primary.url("countersign"));
  standby = await startStandby(primary, dataDir, root);
  // Before anything reads the environment (lib/env.ts reads it once).
  process.env.DATABASE_URL = primary.url("countersign");
  process.env.DATABASE_REPLICA_URL = standby.url("countersign");
  process.env.REPLICA_MAX_LAG_SECONDS = "2";
}, 120_000);

afterAll(async () => {
  const { resetReplicas } = await import("./replica");
  const { db } = await import("@/lib/db");
  const { closePgPools } = await import("./pg");
  await resetReplicas();
  await db.$disconnect();
  await closePgPools();
  await standby?.stop();
  await primary?.stop();
  rmSync(root, { recursive: true, force: true });
});

// A test that fails while replay is paused must not leave the next one waiting for it.
afterEach(async () => {
  await standby?.resumeReplay().catch(() => {}); // stopped by the last test
});

describe("a read replica", () => {
  it("serves the dashboard's figures while fresh, never hides a person's own write, and is left when it lags too far", async () => {
    const { db } = await import("@/lib/db");
    const { makeSystem, makeUser } = await import("@/prisma/factories");
    const { asSessionUser } = await import("@/lib/testing/actors");
    const { recordIncident } = await import("@/lib/server/incidents/incidents");
    const { metricsFor } = await import("@/lib/server/metrics/cache");
    const { staleReadSource } = await import("./replica");

    const manager = asSessionUser(await makeUser(db, { level: "MID", roles: ["MANAGER"] }));
    const reader = asSessionUser(await makeUser(db, { level: "MID", roles: ["MANAGER"] }));
    const system = await makeSystem(db, { tier: 2 });
    const incident = () =>
      recordIncident(manager, {
        title: "Checkout errors",
        severity: "SEV2",
        startedAt: new Date(Date.now() - 3_600_000).toISOString(),
        detectedAt: new Date(Date.now() - 1_800_000).toISOString(),
        systems: [system.slug],
      });
    const incidents = (m: Awaited<ReturnType<typeof metricsFor>>) =>
      m.metrics.headline.incidents.current;
    await standby.caughtUp();

    // Caught up: the figures come from the replica and say as of when.
    const fresh = await metricsFor({ days: "30" }, reader.id);
    expect(fresh.metrics.readFrom).toBe("replica");
    expect(Date.now() - Date.parse(fresh.metrics.asOf!)).toBeLessThan(2_000);
    expect(incidents(fresh)).toBe(0);

    // The replica stops replaying; the manager records an incident on the primary.
    await standby.pauseReplay();
    await incident();
    // Someone else, within the bound: the replica's figures, labelled with their age.
    const stale = await metricsFor({ days: "30" }, reader.id);
    expect(stale.metrics.readFrom).toBe("replica");
    expect(incidents(stale)).toBe(0);
    // The person who wrote it sees it: their write is not on the replica, so the primary answers.
    const own = await metricsFor({ days: "30" }, manager.id);
    expect(own.metrics.readFrom).toBe("primary");
    expect(own.metrics.asOf).toBeNull();
    expect(incidents(own)).toBe(1);

    // Past REPLICA_MAX_LAG_SECONDS everyone reads the primary.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect((await staleReadSource(reader.id)).replica).toBe(false);
    const lagging = await metricsFor({ days: "30" }, reader.id);
    expect(lagging.metrics.readFrom).toBe("primary");
    expect(incidents(lagging)).toBe(1);

    // Replay resumes: back to the replica, with the incident.
    await standby.resumeReplay();
    await standby.caughtUp();
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the next freshness check
    const again = await metricsFor({ days: "30" }, reader.id);
    expect(again.metrics.readFrom).toBe("replica");
    expect(incidents(again)).toBe(1);
    expect(Date.parse(again.metrics.asOf!)).toBeGreaterThan(Date.parse(stale.metrics.asOf!));
  }, 60_000);

  it("the replica refuses writes (it is a hot standby), while the primary takes them", async () => {
    const { db } = await import("@/lib/db");
    const { staleReadSource } = await import("./replica");
    await standby.caughtUp();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const source = await staleReadSource(null);
    expect(source.replica).toBe(true);
    await expect(source.client.$executeRawUnsafe(`CREATE TABLE nope (id int)`)).rejects.toThrow(
      /read-only transaction/,
    );
    expect(await db.user.count()).toBeGreaterThan(0);
  });

  // Last: it stops the standby.
  it("a replica that goes away is left at once: the figures come from the primary, no error", async () => {
    const { metricsFor } = await import("@/lib/server/metrics/cache");
    await standby.caughtUp();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await metricsFor({ days: "7" })).metrics.readFrom).toBe("replica");
    await standby.stop();
    const after = await metricsFor({ days: "7" });
    expect(after.metrics.readFrom).toBe("primary");
    expect(after.metrics.asOf).toBeNull();
    expect((await metricsFor({ days: "8" })).metrics.readFrom).toBe("primary");
  }, 30_000);
});
