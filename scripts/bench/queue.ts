// npm run bench:queue: the review queue's first page for a senior, and an approval transaction,
// with 100,000 pending changes in the database (the demo organisation; BENCH_PENDING to change),
// or on the scale seed with BENCH_SCALE=<factor> (reusing DATABASE_URL when it is seeded).
// Prints figures; asserts nothing.
import { createTestDatabase } from "../../lib/testing/test-database.ts";
import { scaleData } from "./scale-data.ts";

const PENDING = Number(process.env.BENCH_PENDING ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const SCALE = process.env.BENCH_SCALE ? Number(process.env.BENCH_SCALE) : null;

const database = SCALE
  ? await scaleData("bench_queue", SCALE, console.log)
  : await createTestDatabase("bench_queue");
process.env.DATABASE_URL = database.url;
process.env.DATABASE_POOL_SIZE = "8";
const { db } = await import("../../lib/db.ts");
const { insertDemoOrganisation } = await import("../../prisma/factories.ts");
const { buildDemoOrganisation } = await import("../../prisma/demo-org.ts");
const { queuePage, queueCounts, queueFiltersSchema } = await import("../../lib/server/queue.ts");
const { reviewChange } = await import("../../lib/server/changes/review.ts");
const { asSessionUser } = await import("../../lib/testing/actors.ts");
const { bulkLoad } = await import("./bulk.ts");
const { percentile, row, ms, timeIt } = await import("./stats.ts");

async function seedPending() {
  const org = buildDemoOrganisation();
  await db.$transaction((tx) => insertDemoOrganisation(tx, org), { timeout: 300_000 });
  const t0 = performance.now();
  const authors = org.users.filter((u) => u.level === "JUNIOR" || u.level === "MID");
  const levelOf = new Map(org.users.map((u) => [u.id, u.level]));
  const seniorsOf = new Map<string, string[]>();
  for (const m of org.memberships)
    if (["SENIOR", "PRINCIPAL"].includes(levelOf.get(m.userId)!))
      seniorsOf.set(m.teamId, [...(seniorsOf.get(m.teamId) ?? []), m.userId]);
  const repoOf = new Map(org.systemRepositories.map((r) => [r.systemId, r.repositoryId]));
  // Built in SQL from arrays (one INSERT ... SELECT per table): Prisma's createMany would take minutes.
  const systems = org.systems;
  const seniorA = systems.map((sys) => seniorsOf.get(sys.owningTeamId)?.[0] ?? null);
  const seniorB = systems.map((sys) => seniorsOf.get(sys.owningTeamId)?.[1] ?? null);
  const args = [
    PENDING,
    authors.map((a) => a.id),
    systems.map((x) => x.id),
    systems.map((x) => repoOf.get(x.id)!),
    systems.map((x) => x.tier),
    seniorA,
    seniorB,
  ] as const;
  const pick = `(1 + (g::bigint * 7919) % array_length($3::text[], 1))::int`;
  // Every statement declares all seven parameters (PostgreSQL refuses unused ones).
  const params =
    "WITH params AS (SELECT $1::int, $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[]) ";
  await bulkLoad(db, async (tx) => {
    await tx.$executeRawUnsafe(
      params +
        `INSERT INTO "ChangeRequest" (id, number, key, "authorId", title, intent, "repositoryId", status, "aiExtent", "riskFlags", "aiTools", "linesAdded", "linesRemoved", "filesChanged", "submittedAt", "slaDueAt", "updatedAt")
       SELECT 'bq-' || g, g, 'CR-' || g, ($2::text[])[1 + g % array_length($2::text[], 1)], 'Bench change ' || g, 'bench', ($4::text[])[${pick}],
              'PENDING', 'GENERATED', '{}', '{}', (g * 37) % 700, (g * 11) % 100, 2,
              now() - make_interval(mins => g % 5000), now() + make_interval(hours => (g % 97) - 40), now()
         FROM generate_series(1, $1::int) g`,
      ...args,
    );
    await tx.$executeRawUnsafe(
      params +
        `INSERT INTO "ChangeSystem" ("changeId", "systemId", source) SELECT 'bq-' || g, ($3::text[])[${pick}], 'DERIVED' FROM generate_series(1, $1::int) g`,
      ...args,
    );
    await tx.$executeRawUnsafe(
      params +
        `INSERT INTO "Revision" (id, "changeId", number, paths, "linesAdded", "linesRemoved", "riskHits") SELECT 'bqr-' || g, 'bq-' || g, 1, '{src/a.ts,src/b.ts}', (g * 37) % 700, (g * 11) % 100, '[]' FROM generate_series(1, $1::int) g`,
      ...args,
    );
    await tx.$executeRawUnsafe(
      params +
        `INSERT INTO "Requirement" (id, "changeId", "systemId", revision, "approvalsRequired", "minLevel", "principalRequired", state, rules, windows, candidates)
       SELECT 'bqq-' || g, 'bq-' || g, ($3::text[])[${pick}], 1, CASE WHEN ($5::int[])[${pick}] = 1 THEN 2 ELSE 1 END, 'SENIOR', false, 'PENDING', '{}', '{}', '[]'
         FROM generate_series(1, $1::int) g`,
      ...args,
    );
    for (const column of ["$6", "$7"]) {
      await tx.$executeRawUnsafe(
        params +
          `INSERT INTO "Assignment" (id, "changeId", "reviewerId", reason, "systemIds", revision, weight)
         SELECT 'bqa-' || g || '-${column.slice(1)}', 'bq-' || g, (${column}::text[])[${pick}], 'bench', ARRAY[($3::text[])[${pick}]], 1, 1 + ((g * 37) % 700) / 250.0
           FROM generate_series(1, $1::int) g WHERE (${column}::text[])[${pick}] IS NOT NULL`,
        ...args,
      );
    }
  });
  await db.counter.update({ where: { name: "change" }, data: { value: PENDING } });
  // As a live database is: vacuumed and analyzed (autovacuum would otherwise work through the
  // freshly loaded tables in the middle of the measurement).
  await db.$executeRawUnsafe("VACUUM ANALYZE");
  row(
    `seeded ${PENDING.toLocaleString("en")} pending changes`,
    `${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

try {
  console.log(`Countersign queue benchmark — ${new Date().toISOString()}`);
  if (!SCALE) await seedPending();

  // The busiest senior: the most open assignments.
  const [busiest] = await db.$queryRaw<
    { reviewerId: string; n: bigint }[]
  >`SELECT "reviewerId", count(*) AS n FROM "Assignment" WHERE state = 'OPEN' GROUP BY 1 ORDER BY 2 DESC LIMIT 1`;
  const senior = asSessionUser(
    await db.user.findUniqueOrThrow({ where: { id: busiest!.reviewerId } }),
  );
  const filters = queueFiltersSchema.parse({});
  if (process.env.BENCH_EXPLAIN) {
    const { Prisma } = await import("../../lib/generated/prisma/client.ts");
    const { queuePageSql, ownershipOf } = await import("../../lib/server/queue.ts");
    const plan = await db.$queryRaw<{ "QUERY PLAN": string }[]>(
      Prisma.sql`EXPLAIN (ANALYZE, BUFFERS OFF) ${queuePageSql(senior, await ownershipOf(senior.id), filters, 25)}`,
    );
    console.log(plan.map((r) => r["QUERY PLAN"]).join("\n"));
  }
  const first = await queuePage(senior, filters);
  const counts = await queueCounts(senior, filters);
  row(`queue of @${senior.handle}`, `${counts.assigned} assigned, ${counts.eligible} eligible`);
  const pageTimes: number[] = [];
  const countTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    pageTimes.push((await timeIt(() => queuePage(senior, filters)))[1]);
    countTimes.push((await timeIt(() => queueCounts(senior, filters)))[1]);
  }
  row(
    "queue first page (25 rows): p50 / p95",
    `${ms(percentile(pageTimes, 50))} / ${ms(percentile(pageTimes, 95))}`,
    "p95 < 50 ms",
  );
  row(
    "queue counts (assigned / eligible / by tier): p50 / p95",
    `${ms(percentile(countTimes, 50))} / ${ms(percentile(countTimes, 95))}`,
  );
  const filtered: number[] = [];
  for (let i = 0; i < RUNS; i++)
    filtered.push(
      (
        await timeIt(() =>
          queuePage(senior, queueFiltersSchema.parse({ tier: "1", ai: "GENERATED" })),
        )
      )[1],
    );
  row(
    "queue first page, filtered by tier and AI extent: p50 / p95",
    `${ms(percentile(filtered, 50))} / ${ms(percentile(filtered, 95))}`,
  );
  if (first.rows.length === 0) throw new Error("the senior's queue is empty");

  // Approval transactions on the senior's assigned changes (each a different change). The first
  // ones warm every pooled connection (statement and trigger-function plans) and are not counted,
  // as on a server that has been running.
  const WARM_UP = 20;
  const targets = (
    await queuePage(senior, queueFiltersSchema.parse({ show: "assigned" }), 200)
  ).rows.slice(0, RUNS + WARM_UP);
  // On the scale seed some assigned changes already have this senior's "request changes" on
  // their revision (they wait for the author): only the others can be approved.
  const current = await db.changeRequest.findMany({
    where: { key: { in: targets.map((t) => t.key) } },
    select: {
      key: true,
      currentRevision: true,
      reviews: { where: { reviewerId: senior.id }, select: { revision: true } },
    },
  });
  const revisionOf = new Map(
    current
      .filter((c) => !c.reviews.some((r) => r.revision === c.currentRevision))
      .map((c) => [c.key, c.currentRevision]),
  );
  const approvals: number[] = [];
  const approvable = targets.filter((t) => revisionOf.has(t.key));
  // A small seed leaves the senior only a few: then half of them warm up.
  const warmUp = Math.min(WARM_UP, Math.floor(approvable.length / 2));
  for (const [i, target] of approvable.entries()) {
    const [, took] = await timeIt(() =>
      reviewChange(senior, target.key, {
        revision: revisionOf.get(target.key)!,
        checklist: target.riskFlags,
        decision: "APPROVE",
        attestation: "Benchmark approval: read every line.",
        secondsSpent: 600,
      }),
    );
    if (i >= warmUp) approvals.push(took);
  }
  row(
    `approval transaction (${approvals.length} changes): p50 / p95`,
    `${ms(percentile(approvals, 50))} / ${ms(percentile(approvals, 95))}`,
    "p95 < 30 ms",
  );
} catch (error) {
  console.error("benchmark failed:", error);
  process.exitCode = 1;
} finally {
  const { closePgPools } = await import("../../lib/db/pg.ts");
  await closePgPools();
  await db.$disconnect();
  await database.dispose();
}
