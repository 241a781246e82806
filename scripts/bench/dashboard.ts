// npm run bench:dashboard: the whole dashboard's data (getMetrics, what the page and the API
// call) for a 90-day range, with 1,000,000 changes and 50,000 incidents over two years on the
// demo organisation (BENCH_CHANGES / BENCH_INCIDENTS to change), or on the scale seed with
// BENCH_SCALE=<factor> (reusing DATABASE_URL when it is seeded). Prints figures; asserts nothing.
import { createTestDatabase } from "../../lib/testing/test-database.ts";
import { scaleData } from "./scale-data.ts";

const CHANGES = Number(process.env.BENCH_CHANGES ?? 1_000_000);
const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const DAYS = 730;

const SCALE = process.env.BENCH_SCALE ? Number(process.env.BENCH_SCALE) : null;
const database = SCALE
  ? await scaleData("bench_dashboard", SCALE, console.log)
  : await createTestDatabase("bench_dashboard");
process.env.DATABASE_URL = database.url;
process.env.DATABASE_POOL_SIZE = "10";
const { db } = await import("../../lib/db.ts");
const { insertDemoOrganisation } = await import("../../prisma/factories.ts");
const { buildDemoOrganisation } = await import("../../prisma/demo-org.ts");
const { resolveMetricsScope } = await import("../../lib/server/metrics/filters.ts");
const { getMetrics } = await import("../../lib/server/metrics/metrics.ts");
const { bulkLoad } = await import("./bulk.ts");
const { percentile, row, ms, timeIt } = await import("./stats.ts");

/** The benchmark's own history; returns the team it names. */
async function seedHistory() {
  const org = buildDemoOrganisation();
  await db.$transaction((tx) => insertDemoOrganisation(tx, org), { timeout: 300_000 });
  const t0 = performance.now();
  const authors = org.users.filter((u) => u.roles.length === 0).map((u) => u.id);
  const seniors = org.users
    .filter((u) => u.level === "SENIOR" || u.level === "PRINCIPAL")
    .map((u) => u.id);
  const systems = org.systems.map((s) => s.id);
  const repoOf = new Map(org.systemRepositories.map((r) => [r.systemId, r.repositoryId]));
  const args = [
    CHANGES,
    authors,
    systems,
    systems.map((s) => repoOf.get(s)!),
    seniors,
    DAYS,
  ] as const;
  const params =
    "WITH params AS (SELECT $1::int, $2::text[], $3::text[], $4::text[], $5::text[], $6::int) ";
  const sys = `(1 + (g::bigint * 7919) % array_length($3::text[], 1))::int`;
  // One transaction, the facts built once at the end (their time is part of the figure below).
  await bulkLoad(db, async (tx) => {
    const exec = (sql: string, ...extra: unknown[]) =>
      tx.$executeRawUnsafe(params + sql, ...args, ...extra);
    // Changes spread evenly over two years; the newest 0.5% still waiting for review.
    await exec(
      `INSERT INTO "ChangeRequest" (id, number, key, "authorId", "authorLevel", title, intent, "repositoryId", status, "aiExtent", "riskFlags", "aiTools",
          "linesAdded", "linesRemoved", "filesChanged", "submittedAt", "slaDueAt", "firstReviewAt", "approvedAt", "deployedAt", "slaBreachedAt", "createdAt", "updatedAt")
       SELECT 'bd-' || g, g, 'CR-' || g, ($2::text[])[1 + (g * 31) % array_length($2::text[], 1)],
          (ARRAY['JUNIOR','MID','SENIOR','PRINCIPAL'])[1 + (g * 31) % 4]::"Level", 'Bench change ' || g, 'bench',
          ($4::text[])[${sys}],
          (CASE WHEN g > $1 * 0.995 THEN 'PENDING' ELSE 'DEPLOYED' END)::"ChangeStatus",
          (ARRAY['NONE','ASSISTED','GENERATED','AGENTIC'])[1 + (g * 13) % 4]::"AiExtent", '{}', '{}',
          (g * 37) % 900, (g * 11) % 120, 2, t, t + interval '8 hours',
          CASE WHEN g > $1 * 0.995 THEN NULL ELSE t + make_interval(mins => 20 + (g * 17) % 900) END,
          CASE WHEN g > $1 * 0.995 THEN NULL ELSE t + make_interval(mins => 60 + (g * 17) % 1400) END,
          CASE WHEN g > $1 * 0.995 THEN NULL ELSE t + make_interval(mins => 120 + (g * 23) % 2000) END,
          CASE WHEN (g * 17) % 900 > 460 THEN t + interval '8 hours' END, t, t
       FROM (SELECT g, now() - make_interval(secs => ($6 * 86400.0) * (1 - g::float8 / $1)) AS t FROM generate_series(1, $1::int) g) x`,
    );
    await exec(
      `INSERT INTO "ChangeSystem" ("changeId", "systemId", source) SELECT 'bd-' || g, ($3::text[])[${sys}], 'DERIVED' FROM generate_series(1, $1::int) g`,
    );
    await exec(
      `INSERT INTO "Review" (id, "changeId", revision, "reviewerId", decision, attestation, "secondsSpent", "filesViewed", "possibleRubberStamp", "rubberStampReasons", "createdAt")
       SELECT 'bdr-' || c.number, c.id, 1, ($5::text[])[1 + (c.number * 7) % array_length($5::text[], 1)], 'APPROVE', 'bench', 30 + (c.number * 7) % 900, '{}',
          (c.number * 7) % 900 < 40, CASE WHEN (c.number * 7) % 900 < 40 THEN ARRAY['approved quickly'] ELSE '{}' END, c."approvedAt"
       FROM "ChangeRequest" c WHERE c."approvedAt" IS NOT NULL`,
    );
    await exec(
      `INSERT INTO "Requirement" (id, "changeId", "systemId", revision, "approvalsRequired", "minLevel", "principalRequired", state, rules, windows, candidates)
       SELECT 'bdq-' || c.number, c.id, cs."systemId", 1, 1, 'SENIOR', false, (CASE WHEN c.number % 20 = 0 THEN 'UNROUTABLE' ELSE 'PENDING' END)::"RequirementState", '{}', '{}', '[]'
       FROM "ChangeRequest" c JOIN "ChangeSystem" cs ON cs."changeId" = c.id WHERE c.status = 'PENDING'`,
    );
    await exec(
      `INSERT INTO "Assignment" (id, "changeId", "reviewerId", reason, "systemIds", revision, "dueAt")
       SELECT 'bda-' || c.number, c.id, ($5::text[])[1 + (c.number * 7) % array_length($5::text[], 1)], 'bench', '{}', 1, c."slaDueAt"
       FROM "ChangeRequest" c WHERE c.status = 'PENDING'`,
    );
    // Incidents: one in three caused by a deployed change (linked as CAUSE), on that change's system.
    const manager = org.teams[0]!.managerId;
    await exec(
      `INSERT INTO "Incident" (id, number, key, title, severity, status, "startedAt", "detectedAt", "mitigatedAt", "resolvedAt", errors, "lostOrders", "customersAffected", "reportedById", "updatedAt")
       SELECT 'bdi-' || i, i, 'INC-' || i, 'Bench incident ' || i, (ARRAY['SEV1','SEV2','SEV3','SEV4'])[1 + (i * 7) % 4]::"Severity", 'RESOLVED',
          t, t + interval '10 minutes', t + interval '1 hour', t + make_interval(mins => 70 + (i * 29) % 2000), (i * 13) % 5000, (i * 3) % 40, (i * 7) % 800, $8, now()
       FROM (SELECT i, c."deployedAt" + interval '2 hours' AS t FROM generate_series(1, $7::int) i
             JOIN "ChangeRequest" c ON c.number = (i::bigint * ($1 / $7)) % ($1 * 0.99)::int + 1) x`,
      INCIDENTS,
      manager,
    );
    await exec(
      `INSERT INTO "IncidentSystem" ("incidentId", "systemId")
       SELECT 'bdi-' || i, cs."systemId" FROM generate_series(1, $7::int) i
       JOIN "ChangeSystem" cs ON cs."changeId" = 'bd-' || ((i::bigint * ($1 / $7)) % ($1 * 0.99)::int + 1)`,
      INCIDENTS,
    );
    await exec(
      `INSERT INTO "IncidentChange" ("incidentId", "changeId", kind, "linkedById")
       SELECT 'bdi-' || i, 'bd-' || ((i::bigint * ($1 / $7)) % ($1 * 0.99)::int + 1), 'CAUSE', $8
       FROM generate_series(1, $7::int) i WHERE i % 3 = 0`,
      INCIDENTS,
      manager,
    );
    await tx.$executeRawUnsafe(
      `UPDATE "ChangeRequest" SET "causedIncident" = true WHERE id IN (SELECT "changeId" FROM "IncidentChange" WHERE kind = 'CAUSE')`,
    );
    await tx.$executeRawUnsafe(`INSERT INTO "PolicyWindow" (id, name, kind, "startsAt", "endsAt", tiers, "systemIds", "minApprovals", "minLevel", "updatedAt")
      VALUES ('bd-window', 'Tier-1 safety reset', 'POLICY', now() - interval '30 days', now() + interval '60 days', '{1}', '{}', 2, 'SENIOR', now())`);
  });
  await db.$executeRawUnsafe("VACUUM ANALYZE");
  row(
    `seeded ${CHANGES.toLocaleString("en")} changes, ${INCIDENTS.toLocaleString("en")} incidents`,
    `${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return org.teams[0]!;
}

try {
  console.log(`Countersign dashboard benchmark — ${new Date().toISOString()}`);
  const team = SCALE
    ? await db.team.findFirstOrThrow({ orderBy: { slug: "asc" }, select: { slug: true } })
    : await seedHistory();
  const scenarios: [string, Record<string, string>][] = [
    ["whole dashboard, 90 days, everything", { days: "90" }],
    [`whole dashboard, 90 days, team ${team.slug}`, { days: "90", team: team.slug }],
    ["whole dashboard, 90 days, tier 1", { days: "90", tier: "1" }],
    ["whole dashboard, 1 year, everything", { days: "365" }],
  ];
  for (const [label, params] of scenarios) {
    const scope = await resolveMetricsScope(params);
    const first = await getMetrics(scope); // warm
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push((await timeIt(() => getMetrics(scope)))[1]);
    row(
      `${label}: p50 / p95`,
      `${ms(percentile(times, 50))} / ${ms(percentile(times, 95))}`,
      params.days === "90" ? "p95 < 300 ms" : undefined,
    );
    if (params.days === "90" && !params.team && !params.tier)
      row(
        "  (deployed changes / incidents in the range)",
        `${first.changeFailureRate.overall.deployed} / ${first.headline.incidents.current}`,
      );
  }
  if (process.env.BENCH_EXPLAIN) {
    const modules = [
      await import("../../lib/server/metrics/queries.ts"),
      await import("../../lib/server/metrics/fact-queries.ts"),
    ];
    for (const params of [{ days: "90" }, { days: "90", tier: "1" }]) {
      const scope = await resolveMetricsScope(params);
      console.log(`  each query alone, 90 days${params.tier ? ", tier 1" : ""}:`);
      for (const [name, fn] of modules.flatMap((m) => Object.entries(m))) {
        if (typeof fn !== "function") continue;
        const [, took] = await timeIt(() => (fn as (s: typeof scope) => Promise<unknown>)(scope));
        row(`    ${name}`, ms(took));
      }
    }
  }
} catch (error) {
  console.error("benchmark failed:", error);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
  if (process.env.BENCH_KEEP) console.log(`kept the database: ${database.url}`);
  else await database.dispose();
}
