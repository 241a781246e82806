import { describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { createTestDatabase } from "@/lib/testing/test-database";
import { seedDemoIfEmpty } from "./seed-demo";

describe("demo seed", () => {
  it("seeds the organisation once; a second run keeps everything", async () => {
    const database = await createTestDatabase("seed");
    const db = createDb(database.url, 2);
    try {
      expect((await seedDemoIfEmpty(db)).seeded).toBe(true);
      const counts = async () => ({
        users: await db.user.count(),
        teams: await db.team.count(),
        systems: await db.system.count(),
        tier1: await db.system.count({ where: { tier: 1 } }),
        rules: await db.ownershipRule.count(),
      });
      const first = await counts();
      expect(first).toMatchObject({ users: 446, teams: 44, systems: 1000, tier1: 335 });
      expect((await seedDemoIfEmpty(db)).seeded).toBe(false);
      expect(await counts()).toEqual(first);
    } finally {
      await db.$disconnect();
      await database.dispose();
    }
  });
});
