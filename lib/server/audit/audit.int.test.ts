import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { db } from "@/lib/db";
import { closePgPools, pgPool } from "@/lib/db/pg";
import { asSessionUser } from "@/lib/testing/actors";
import { makeSystem, makeUser } from "@/prisma/factories";
import { record } from "./record";
import { mutate } from "./mutate";
import { auditActorOf } from "@/lib/domain/actor";
import { verifyChain } from "./verify";
import type { AuditEventInput } from "@/lib/domain/audit/events";
import { payloadOf, tamperPayload } from "@/lib/testing/tamper";

afterAll(async () => {
  await closePgPools();
});

async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query<T>(text, values);
  } finally {
    await client.end();
  }
}

const systemEvent = (id: string, tier: number): AuditEventInput => ({
  action: "system.updated",
  subjectType: "system",
  subjectId: id,
  subjectLabel: id,
  payload: { before: { tier: 2 }, after: { tier } },
});

describe("record", () => {
  it("refuses to write outside the caller's transaction", async () => {
    const user = asSessionUser(await makeUser(db));
    await expect(record(db as never, auditActorOf(user), systemEvent("x", 1))).rejects.toThrow(
      /caller's transaction/,
    );
  });

  it("refuses an action that is not in the event union, and the whole transaction rolls back", async () => {
    const user = asSessionUser(await makeUser(db));
    const system = await makeSystem(db, { tier: 3 });
    const before = await db.auditEvent.count();
    await expect(
      mutate(user, async (tx) => {
        await tx.system.update({ where: { id: system.id }, data: { tier: 1 } });
        return {
          result: null,
          event: {
            action: "system.deleted",
            subjectType: "system",
            payload: {},
          } as unknown as AuditEventInput,
        };
      }),
    ).rejects.toThrow();
    expect(await db.auditEvent.count()).toBe(before);
    expect((await db.system.findUniqueOrThrow({ where: { id: system.id } })).tier).toBe(3);
  });

  it("keeps the chain valid and gapless under 200 concurrent writes", async () => {
    const user = asSessionUser(await makeUser(db));
    const system = await makeSystem(db, { tier: 2 });
    const before = await db.auditEvent.count();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        mutate(user, async (tx) => {
          await tx.system.update({ where: { id: system.id }, data: { tier: (i % 3) + 1 } });
          return { result: i, event: systemEvent(system.id, (i % 3) + 1) };
        }),
      ),
    );
    expect(results).toHaveLength(200);
    expect(await db.auditEvent.count()).toBe(before + 200);
    const { rows } = await sql<{ n: string; min: string; max: string }>(
      process.env.DATABASE_URL!,
      `SELECT count(*) AS n, min(seq) AS min, max(seq) AS max FROM "AuditEvent"`,
    );
    expect(Number(rows[0]!.max) - Number(rows[0]!.min) + 1).toBe(Number(rows[0]!.n));
    expect(Number(rows[0]!.min)).toBe(1);
    const verified = await verifyChain(pgPool());
    expect(verified).toEqual({ ok: true, events: Number(rows[0]!.n), checkpoints: 0 });
  });
});

describe("the database", () => {
  it.each([
    [`UPDATE "AuditEvent" SET "actorName" = 'mallory' WHERE seq = 1`],
    [`DELETE FROM "AuditEvent" WHERE seq = 1`],
    [`TRUNCATE "AuditEvent"`],
  ])("refuses %s through the normal connection", async (statement) => {
    const count = await db.auditEvent.count();
    expect(count).toBeGreaterThan(0);
    await expect(sql(process.env.DATABASE_URL!, statement)).rejects.toThrow(/append-only/);
    expect(await db.auditEvent.count()).toBe(count);
  });

  it("refuses them through Prisma too", async () => {
    await expect(db.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.updateMany({ data: { actorName: "x" } })).rejects.toThrow(
      /append-only/,
    );
  });
});

describe("tampering", () => {
  it("is named by the verifier: the first altered sequence number", async () => {
    const user = asSessionUser(await makeUser(db));
    for (let i = 0; i < 5; i++) {
      await mutate(user, async () => ({ result: null, event: systemEvent(`t${i}`, 1) }));
    }
    const target = Number(
      (await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" }, skip: 2 })).seq,
    );
    const original = await payloadOf(target);
    await tamperPayload(target, { before: { tier: 2 }, after: { tier: 3 } });
    try {
      const result = await verifyChain(pgPool());
      expect(result.ok).toBe(false);
      expect(result).toMatchObject({ seq: target, problem: expect.stringMatching(/altered/) });
    } finally {
      await tamperPayload(target, original);
    }
    expect((await verifyChain(pgPool())).ok).toBe(true);
  });
});
