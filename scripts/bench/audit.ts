// npm run bench:audit: audited writes per second with 16 concurrent writers, `audit verify`
// throughput and the /audit page's first-screen query, on 1,000,000 events. Runs on a fresh
// database (DATABASE_URL_TEST's server, or an embedded PostgreSQL), or on the scale seed with
// BENCH_SCALE=<factor> (reusing DATABASE_URL when it is seeded). Prints figures; asserts nothing.
import pg from "pg";
import type { StoredEvent } from "../../lib/domain/audit/chain.ts";
import { createTestDatabase } from "../../lib/testing/test-database.ts";
import { scaleData } from "./scale-data.ts";

const WRITERS = 16;
const WRITE_SECONDS = Number(process.env.BENCH_WRITE_SECONDS ?? 10);
const TOTAL_EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);

const SCALE = process.env.BENCH_SCALE ? Number(process.env.BENCH_SCALE) : null;
const database = SCALE
  ? await scaleData("bench_audit", SCALE, console.log)
  : await createTestDatabase("bench_audit");
process.env.DATABASE_URL = database.url;
process.env.DATABASE_POOL_SIZE = String(WRITERS + 4);
const { db } = await import("../../lib/db.ts");
const { pgPool, closePgPools } = await import("../../lib/db/pg.ts");
const { mutate } = await import("../../lib/server/audit/mutate.ts");
const { asSessionUser } = await import("../../lib/testing/actors.ts");
const { verifyChain } = await import("../../lib/server/audit/verify.ts");
const { listAuditEvents } = await import("../../lib/server/audit/list.ts");
const { hashEvent } = await import("../../lib/domain/audit/chain.ts");
const { makeSystem, makeUser } = await import("../../prisma/factories.ts");
const { percentile, row, sample, ms, timeIt } = await import("./stats.ts");

/** Appends synthetic events up to TOTAL_EVENTS, chained as audit_append chains them. */
async function fill(client: pg.Client) {
  const tail = (await client.query(`SELECT seq, hash FROM "AuditEvent" ORDER BY seq DESC LIMIT 1`))
    .rows[0];
  let seq = Number(tail.seq);
  let prev: string = tail.hash;
  const actions = ["system.updated", "auth.signed_in", "auth.signed_out", "team.updated"];
  const actors = Array.from({ length: 400 }, (_, i) => ({
    id: `bench-user-${i}`,
    name: `Bench User ${i} (@bench.${i})`,
  }));
  const [, fillMs] = await timeIt(async () => {
    const t0 = Date.now() - TOTAL_EVENTS * 10;
    while (seq < TOTAL_EVENTS) {
      const batch: StoredEvent[] = [];
      for (let i = 0; i < 5000 && seq < TOTAL_EVENTS; i++) {
        seq++;
        const actor = actors[seq % actors.length]!;
        const action = actions[seq % actions.length]!;
        const subjectType = action.startsWith("auth") ? "session" : action.split(".")[0]!;
        const event = {
          seq,
          at: new Date(t0 + seq * 10),
          actorType: "USER" as const,
          actorId: actor.id,
          actorName: actor.name,
          action,
          subjectType,
          subjectId: `subject-${seq % 5000}`,
          subjectLabel: `subject-${seq % 5000}`,
          changeKey: seq % 7 === 0 ? `CR-${seq % 20000}` : null,
          payload: action.startsWith("auth")
            ? { provider: "demo" }
            : { before: { tier: 2 }, after: { tier: 1 } },
        };
        const hash = hashEvent(prev, event);
        batch.push({ ...event, prevHash: prev, hash });
        prev = hash;
      }
      const col = <K extends keyof StoredEvent>(k: K) => batch.map((e) => e[k]);
      await client.query(
        `INSERT INTO "AuditEvent" (seq, at, "actorType", "actorId", "actorName", action, "subjectType", "subjectId", "subjectLabel", "changeKey", payload, "prevHash", hash)
         SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::"ActorType"[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::jsonb[], $12::text[], $13::text[])`,
        [
          col("seq"),
          col("at"),
          col("actorType"),
          col("actorId"),
          col("actorName"),
          col("action"),
          col("subjectType"),
          col("subjectId"),
          col("subjectLabel"),
          col("changeKey"),
          batch.map((e) => JSON.stringify(e.payload)),
          col("prevHash"),
          col("hash"),
        ],
      );
    }
    await client.query(`ANALYZE "AuditEvent"`);
  });
  row(`filled to ${TOTAL_EVENTS.toLocaleString("en")} events`, `${(fillMs / 1000).toFixed(1)} s`);
}

try {
  console.log(`Countersign audit benchmark — ${new Date().toISOString()}`);
  // 1. Audited writes: each one a real use-case transaction (update a row + its audit event).
  const user = await makeUser(db, { level: "SENIOR", roles: ["ADMIN"] });
  const systems = await Promise.all(Array.from({ length: WRITERS }, () => makeSystem(db)));
  const latencies: number[] = [];
  const deadline = performance.now() + WRITE_SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    systems.map(async (system, w) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const [, took] = await timeIt(() =>
          mutate(asSessionUser(user), async (tx) => {
            await tx.system.update({ where: { id: system.id }, data: { tier: (i % 3) + 1 } });
            return {
              result: null,
              event: {
                action: "system.updated",
                subjectType: "system",
                subjectId: system.id,
                subjectLabel: system.slug,
                payload: { before: { tier: 2 }, after: { tier: (i % 3) + 1, writer: w } },
              },
            };
          }),
        );
        latencies.push(took);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  row(
    `audited writes/s, ${WRITERS} concurrent writers, ${WRITE_SECONDS}s`,
    (latencies.length / elapsed).toFixed(0),
    "≥ 300/s",
  );
  row(
    "  write latency p50 / p95",
    `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 95))}`,
  );
  const afterWrites = await verifyChain(pgPool());
  row(
    "  chain after concurrent writes",
    afterWrites.ok ? `ok ${afterWrites.events}` : `BROKEN at ${afterWrites.seq}`,
  );

  // 2. Fill to TOTAL_EVENTS with a valid chain (bulk insert, same hashing as record()); the
  // scale seed has its own history.
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  if (!SCALE) await fill(client);
  const [middle] = (
    await client.query<{ seq: string; at: Date; subject: string | null; change: string | null }>(
      `SELECT seq, at, "subjectLabel" AS subject, "changeKey" AS change FROM "AuditEvent"
        WHERE seq >= (SELECT max(seq) / 2 FROM "AuditEvent") AND "changeKey" IS NOT NULL
        ORDER BY seq LIMIT 1`,
    )
  ).rows;
  // 3. audit verify over the whole table (the code behind the CLI and the API), twice.
  for (const run of [1, 2]) {
    const [verified, verifyMs] = await timeIt(() => verifyChain(pgPool()));
    row(
      `audit verify, run ${run}`,
      verified.ok ? `ok ${verified.events.toLocaleString("en")}` : `BROKEN at ${verified.seq}`,
    );
    row(
      "  events verified per second",
      ((verified.events / verifyMs) * 1000).toFixed(0),
      "≥ 100,000/s",
    );
  }

  // 4. The /audit page's first screen (the query behind it), cold-ish and warm.
  const cases: [string, Parameters<typeof listAuditEvents>[0]][] = [
    ["first screen, no filter", {}],
    ["filter by action", { action: "team.updated" }],
    ["filter by actor", { actor: user.handle }],
    ["filter by subject", { subject: middle?.subject ?? "subject-42" }],
    ["filter by change key", { change: middle?.change ?? "CR-707" }],
    [
      "time range (one hour, mid-history)",
      {
        from: new Date(middle!.at.getTime() - 1_800_000),
        to: new Date(middle!.at.getTime() + 1_800_000),
      },
    ],
    ["second page (older than the middle)", { older: Number(middle!.seq) }],
  ];
  for (const [label, filters] of cases) {
    const s = await sample(30, () => listAuditEvents(filters));
    row(`/audit ${label}: p50 / p95`, `${ms(s.p50)} / ${ms(s.p95)}`, "< 100 ms");
  }
  await client.end();
} catch (error) {
  console.error("benchmark failed:", error);
  process.exitCode = 1;
} finally {
  await closePgPools();
  await db.$disconnect();
  await database.dispose();
}
