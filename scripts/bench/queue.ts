// npm run bench:queue: the review queue's first page for a senior, and an approval transaction,
// with 100,000 pending changes in the database (the demo organisation; BENCH_PENDING to change).
// Prints figures; asserts nothing.
import { createTestDatabase } from "../../lib/testing/test-database.ts";

const PENDING = Number(process.env.BENCH_PENDING ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 100);

const database = await createTestDatabase("bench_queue");
process.env.DATABASE_URL = database.url;
process.env.DATABASE_POOL_SIZE = "8";
const { db } = await import("../../lib/db.ts");
const { insertDemoOrganisation } = await import("../../prisma/factories.ts");
const { buildDemoOrganisation } = await import("../../prisma/demo-org.ts");
const { queuePage, queueCounts, queueFiltersSchema } = await import("../../lib/server/queue.ts");
const { reviewChange } = await import("../../lib/server/changes/review.ts");
const { asSessionUser } = await import("../../lib/testing/actors.ts");
const { percentile, row, ms, timeIt } = await import("./stats.ts");

try {
  console.log(`Countersign queue benchmark — ${new Date().toISOString()}`);
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
  const now = Date.now();
  for (let start = 0; start < PENDING; start += 5000) {
    const n = Math.min(5000, PENDING - start);
    const changes = Array.from({ length: n }, (_, i) => {
      const k = start + i + 1;
      const system = org.systems[(k * 7919) % org.systems.length]!;
      return {
        k,
        system,
        change: {
          id: `bq-${k}`,
          number: k,
          key: `CR-${k}`,
          authorId: authors[k % authors.length]!.id,
          title: `Bench change ${k}`,
          intent: "bench",
          repositoryId: repoOf.get(system.id)!,
          status: "PENDING" as const,
          aiExtent: "GENERATED" as const,
          riskFlags: [],
          aiTools: [],
          linesAdded: (k * 37) % 700,
          linesRemoved: (k * 11) % 100,
          filesChanged: 2,
          submittedAt: new Date(now - (k % 5000) * 60_000),
          slaDueAt: new Date(now + ((k % 97) - 40) * 3_600_000),
        },
      };
    });
    await db.changeRequest.createMany({ data: changes.map((c) => c.change) });
    await db.changeSystem.createMany({
      data: changes.map((c) => ({
        changeId: c.change.id,
        systemId: c.system.id,
        source: "DERIVED" as const,
      })),
    });
    await db.revision.createMany({
      data: changes.map((c) => ({
        changeId: c.change.id,
        number: 1,
        paths: ["src/a.ts", "src/b.ts"],
        linesAdded: c.change.linesAdded,
        linesRemoved: c.change.linesRemoved,
        riskHits: [],
      })),
    });
    await db.requirement.createMany({
      data: changes.map((c) => ({
        changeId: c.change.id,
        systemId: c.system.id,
        revision: 1,
        approvalsRequired: c.system.tier === 1 ? 2 : 1,
        minLevel: "SENIOR" as const,
        principalRequired: false,
        state: "PENDING" as const,
        rules: [],
        windows: [],
        candidates: [],
      })),
    });
    const members = (teamId: string) => seniorsOf.get(teamId) ?? [];
    await db.assignment.createMany({
      data: changes.flatMap((c) =>
        members(c.system.owningTeamId)
          .slice(0, 2)
          .map((reviewerId) => ({
            changeId: c.change.id,
            reviewerId,
            reason: "bench",
            systemIds: [c.system.id],
            revision: 1,
            weight: 1 + c.change.linesAdded / 250,
          })),
      ),
      skipDuplicates: true,
    });
  }
  await db.counter.update({ where: { name: "change" }, data: { value: PENDING } });
  await db.$executeRawUnsafe("ANALYZE");
  row(
    `seeded ${PENDING.toLocaleString("en")} pending changes`,
    `${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  // The busiest senior: the most open assignments.
  const [busiest] = await db.$queryRaw<
    { reviewerId: string; n: bigint }[]
  >`SELECT "reviewerId", count(*) AS n FROM "Assignment" WHERE state = 'OPEN' GROUP BY 1 ORDER BY 2 DESC LIMIT 1`;
  const senior = asSessionUser(
    await db.user.findUniqueOrThrow({ where: { id: busiest!.reviewerId } }),
  );
  const filters = queueFiltersSchema.parse({});
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

  // Approval transactions on the senior's assigned changes (each a different change).
  const targets = (
    await queuePage(senior, queueFiltersSchema.parse({ show: "assigned" }), 200)
  ).rows.slice(0, RUNS);
  const approvals: number[] = [];
  for (const target of targets) {
    const [, took] = await timeIt(() =>
      reviewChange(senior, target.key, {
        revision: 1,
        decision: "APPROVE",
        attestation: "Benchmark approval: read every line.",
        secondsSpent: 600,
      }),
    );
    approvals.push(took);
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
  await db.$disconnect();
  await database.dispose();
}
