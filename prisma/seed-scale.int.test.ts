import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyChain } from "@/lib/server/audit/verify";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { seedScale, type ScaleCounts } from "./seed-scale";

let database: TestDatabase;
let pool: pg.Pool;
let counts: ScaleCounts;
const count = async (sql: string) => Number((await pool.query(sql)).rows[0].n);

beforeAll(async () => {
  database = await createTestDatabase("scale");
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  counts = await seedScale(database.url, { factor: 0.002 });
}, 300_000);
afterAll(async () => {
  await pool?.end();
  await database?.dispose();
});

describe("seed --scale", () => {
  it("grows the demo organisation to 20,000 people, 2,000 teams and 5,000 systems", async () => {
    expect(counts).toMatchObject({ people: 20_000, teams: 2_000, systems: 5_000, changes: 2_000 });
    expect(await count(`SELECT count(*) n FROM "User"`)).toBe(20_000);
    expect(await count(`SELECT count(*) n FROM "Team"`)).toBe(2_000);
    expect(await count(`SELECT count(*) n FROM "System"`)).toBe(5_000);
    // Every added system has an owning team with a "*" rule of its own.
    expect(
      await count(`SELECT count(*) n FROM "System" s WHERE NOT EXISTS
        (SELECT 1 FROM "OwnershipRule" r WHERE r."systemId" = s.id)`),
    ).toBe(0);
  });

  it("writes the history it reports, with revisions, reviews and incidents", async () => {
    expect(await count(`SELECT count(*) n FROM "ChangeRequest" WHERE id LIKE 'sc-%'`)).toBe(2_000);
    expect(await count(`SELECT count(*) n FROM "Revision" WHERE id LIKE 'sc-%'`)).toBe(
      counts.revisions,
    );
    expect(await count(`SELECT count(*) n FROM "Review" WHERE id LIKE 'sc-%'`)).toBe(
      counts.reviews,
    );
    expect(counts.reviews).toBeGreaterThan(2.5 * counts.changes);
    expect(counts.revisions).toBeGreaterThan(counts.changes);
    expect(await count(`SELECT count(*) n FROM "Incident" WHERE id LIKE 'sc-%'`)).toBe(
      counts.incidents,
    );
    expect(counts.incidents).toBeGreaterThan(0);
    // Open changes wait in demo seniors' queues too.
    expect(
      await count(
        `SELECT count(*) n FROM "Assignment" WHERE state = 'OPEN' AND "reviewerId" LIKE 'demo-%'`,
      ),
    ).toBeGreaterThan(0);
    // Every seeded reviewer owns the system (so may sign it off), at the level it needs.
    expect(
      await count(`SELECT count(*) n FROM "Assignment" a JOIN "Requirement" r ON r."changeId" = a."changeId"
        WHERE a.id LIKE 'sc-%' AND NOT EXISTS (SELECT 1 FROM "SystemOwnership" o
          WHERE o."systemId" = r."systemId" AND o."userId" = a."reviewerId")`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) n FROM "Review" v JOIN "User" u ON u.id = v."reviewerId"
        WHERE v.id LIKE 'sc-%' AND u.level NOT IN ('SENIOR', 'PRINCIPAL')`),
    ).toBe(0);
    // The dashboard's facts were built and agree with the base tables.
    expect(await count(`SELECT count(*) n FROM metric_check() WHERE differing > 0`)).toBe(0);
  });

  it("chains about ten audit events per change, in time order, and the chain verifies", async () => {
    expect(counts.events).toBeGreaterThan(8 * counts.changes);
    const result = await verifyChain(pool);
    expect(result).toMatchObject({ ok: true, events: counts.events + 1 }); // + demo.seeded
    expect(
      await count(`SELECT count(*) n FROM (SELECT at < lag(at) OVER (ORDER BY seq) AS back
        FROM "AuditEvent" WHERE seq > 1) x WHERE back`),
    ).toBe(0);
  });

  it("numbers on after the seeded changes and incidents", async () => {
    const counters = await pool.query(`SELECT name, value FROM "Counter" ORDER BY name`);
    const value = (name: string) => counters.rows.find((r) => r.name === name).value;
    expect(value("change")).toBe(await count(`SELECT max(number) n FROM "ChangeRequest"`));
    expect(value("incident")).toBe(await count(`SELECT max(number) n FROM "Incident"`));
  });

  it("refuses a second run and changes nothing", async () => {
    const before = await count(`SELECT count(*) n FROM "AuditEvent"`);
    await expect(seedScale(database.url, { factor: 0.001 })).rejects.toThrow(
      /already seeded at scale/,
    );
    expect(await count(`SELECT count(*) n FROM "AuditEvent"`)).toBe(before);
  });
});
