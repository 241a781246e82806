// npm run bench:routing: CODEOWNERS matching (100,000 paths against a 2,000-line file, in-process
// and through `cli owners`) and a whole routing decision (50 files over 5 systems, database reads
// included) in an organisation of 20,000 people and 5,000 systems. Prints figures; asserts nothing.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseCodeowners } from "../../lib/domain/ownership/codeowners.ts";
import { compileRules, ownersOf } from "../../lib/domain/ownership/matcher.ts";
import { createTestDatabase } from "../../lib/testing/test-database.ts";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 20_000);
const SYSTEMS = Number(process.env.BENCH_SYSTEMS ?? 5_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(
      new URL(`../../lib/domain/ownership/fixtures/${name}.json`, import.meta.url),
      "utf8",
    ),
  ) as { codeowners: string; cases: { path: string }[] };

function bigCodeowners(): { text: string; paths: string[] } {
  const real = ["dd-trace-js", "dd-trace-py", "apache-arrow"].map(fixture);
  const lines = real.flatMap((r) => r.codeowners.split("\n"));
  for (let i = 0; lines.filter((l) => l.trim() && !l.startsWith("#")).length < 2000; i++) {
    lines.push(
      i % 3 === 0
        ? `/services/svc-${i}/ @acme/team-${i % 97}`
        : i % 3 === 1
          ? `**/generated-${i}/ @acme/codegen`
          : `/libs/lib-${i}/*.ts @acme/team-${i % 53} @someone-${i}`,
    );
  }
  // The real paths once each, then distinct synthetic ones: under owned and unowned services and
  // libraries, generated code, and real paths moved one directory down.
  const realPaths = [...new Set(real.flatMap((r) => r.cases.map((c) => c.path)))];
  const paths = [...realPaths];
  for (let i = 0; paths.length < 100_000; i++) {
    const kind = i % 4;
    paths.push(
      kind === 0
        ? `services/svc-${(i * 7) % 2000}/src/handler-${i}.ts`
        : kind === 1
          ? `libs/lib-${(i * 13) % 2000}/index-${i}.ts`
          : kind === 2
            ? `tools/generated-${(i * 3) % 2000}/out-${i}.py`
            : `vendor/v${i}/${realPaths[i % realPaths.length]!}`,
    );
  }
  return { text: lines.join("\n"), paths };
}

const { percentile, row, ms } = await import("./stats.ts");
console.log(`Countersign routing benchmark — ${new Date().toISOString()}`);

// 1. CODEOWNERS matching.
{
  const { text, paths } = bigCodeowners();
  const t0 = performance.now();
  const parsed = parseCodeowners(text);
  const matcher = compileRules(parsed.rules.map((r) => ({ pattern: r.pattern, value: r.owners })));
  const compiled = performance.now() - t0;
  const t1 = performance.now();
  const result = ownersOf(matcher, paths);
  const matched = performance.now() - t1;
  row(`owners: parse + compile ${parsed.rules.length} rules`, ms(compiled));
  row(
    `owners: match ${paths.length.toLocaleString("en")} paths (in process)`,
    ms(matched),
    "< 2 s",
  );
  row(
    "  paths with owners",
    Object.values(result)
      .filter((o) => o.length)
      .length.toLocaleString("en"),
  );
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-owners-"));
  writeFileSync(path.join(dir, "CODEOWNERS"), text);
  writeFileSync(path.join(dir, "paths.txt"), paths.join("\n"));
  const t2 = performance.now();
  const out = execFileSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "scripts/cli.ts",
      "owners",
      "--codeowners",
      path.join(dir, "CODEOWNERS"),
      "--paths-file",
      path.join(dir, "paths.txt"),
    ],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  const cliMs = performance.now() - t2;
  row("owners: `npm run -s cli -- owners` end to end (process start included)", ms(cliMs), "< 2 s");
  row("  output", `${(out.length / 1024 / 1024).toFixed(1)} MB JSON`);
}

// 2. A routing decision in a large organisation.
const database = await createTestDatabase("bench_routing");
process.env.DATABASE_URL = database.url;
const { db } = await import("../../lib/db.ts");
const { routeChange } = await import("../../lib/server/routing/route.ts");
try {
  const t0 = performance.now();
  const levels = ["JUNIOR", "MID", "SENIOR", "PRINCIPAL"] as const;
  const teams = Array.from({ length: Math.ceil(PEOPLE / 40) }, (_, i) => ({
    id: `bt-${i}`,
    slug: `bench-team-${i}`,
    name: `Bench team ${i}`,
  }));
  await db.team.createMany({ data: teams });
  const users = Array.from({ length: PEOPLE }, (_, i) => ({
    id: `bu-${i}`,
    email: `bench${i}@acme.example`,
    name: `Bench Person ${i}`,
    handle: `bench.${i}`,
    level: levels[[0, 0, 0, 1, 1, 1, 2, 2, 2, 3][i % 10]!]!,
  }));
  for (let i = 0; i < users.length; i += 5000)
    await db.user.createMany({ data: users.slice(i, i + 5000) });
  const members = users.map((u, i) => ({ teamId: teams[i % teams.length]!.id, userId: u.id }));
  for (let i = 0; i < members.length; i += 5000)
    await db.teamMember.createMany({ data: members.slice(i, i + 5000) });
  const systems = Array.from({ length: SYSTEMS }, (_, i) => ({
    id: `bs-${i}`,
    slug: `bench-sys-${i}`,
    name: `Bench system ${i}`,
    tier: (i % 3) + 1,
    owningTeamId: teams[i % teams.length]!.id,
  }));
  for (let i = 0; i < systems.length; i += 5000)
    await db.system.createMany({ data: systems.slice(i, i + 5000) });
  await db.repository.create({ data: { id: "br", name: "acme/monorepo" } });
  const rules = systems.map((s, i) => ({
    id: `brule-${i}`,
    repositoryId: "br",
    position: i,
    pattern: `/services/${s.slug}/`,
    systemId: s.id,
    ownerLabels: [`@acme/${teams[i % teams.length]!.slug}`],
  }));
  for (let i = 0; i < rules.length; i += 5000)
    await db.ownershipRule.createMany({ data: rules.slice(i, i + 5000) });
  await db.ruleOwner.createMany({
    data: rules.map((r, i) => ({ ruleId: r.id, teamId: teams[i % teams.length]!.id })),
  });
  // Existing review load: 10,000 open assignments on 2,000 changes.
  await db.changeRequest.createMany({
    data: Array.from({ length: 2000 }, (_, i) => ({
      id: `bc-${i}`,
      number: i + 1,
      key: `CR-${i + 1}`,
      authorId: users[i]!.id,
      title: "bench",
      intent: "bench",
      repositoryId: "br",
      status: "PENDING" as const,
      aiExtent: "ASSISTED" as const,
      linesAdded: (i * 37) % 900,
    })),
  });
  await db.assignment.createMany({
    data: Array.from({ length: 10_000 }, (_, i) => ({
      changeId: `bc-${i % 2000}`,
      reviewerId: users[(i * 7919) % PEOPLE]!.id,
      reason: "bench",
      revision: 1,
      assignedAt: new Date(Date.now() - i * 1000),
    })),
    skipDuplicates: true,
  });
  // As a live database is: vacuumed and analyzed (autovacuum would otherwise start on the fresh
  // tables in the middle of the measurement).
  await db.$executeRawUnsafe(`VACUUM ANALYZE`);
  row(
    `organisation: ${PEOPLE.toLocaleString("en")} people, ${SYSTEMS.toLocaleString("en")} systems, ${rules.length.toLocaleString("en")} rules`,
    `${((performance.now() - t0) / 1000).toFixed(1)} s to build`,
  );

  const author = users[0]!;
  const times: number[] = [];
  let reviewers = 0;
  // Warm-up: the matcher cache, and every pooled connection's prepared statements (PostgreSQL
  // plans one a few times per connection before it keeps a plan), as on a server that has run.
  const WARM_UP = 60;
  for (let run = 0; run < RUNS + WARM_UP; run++) {
    const picked = Array.from({ length: 5 }, (_, k) => systems[(run * 97 + k * 1013) % SYSTEMS]!);
    const paths = picked.flatMap((s) =>
      Array.from({ length: 10 }, (_, f) => `services/${s.slug}/src/file-${f}.ts`),
    );
    const started = performance.now();
    const result = await routeChange(db, {
      author: { id: author.id, level: author.level },
      coAuthorIds: [],
      repository: "acme/monorepo",
      paths,
      linesChanged: 320,
      filesChanged: 50,
      aiExtent: "GENERATED",
      riskFlags: [],
      emergency: false,
      addedSystemSlugs: [],
    });
    if (run >= WARM_UP) times.push(performance.now() - started);
    reviewers = result.reviewers.length;
    if (result.systems.length !== 5)
      throw new Error(`expected 5 systems, got ${result.systems.length}`);
  }
  row(
    `routing decision, 50 files over 5 systems (${RUNS} runs): p50 / p95`,
    `${ms(percentile(times, 50))} / ${ms(percentile(times, 95))}`,
    "p95 < 10 ms",
  );
  row("  reviewers assigned in the last decision", String(reviewers));
} finally {
  const { closePgPools } = await import("../../lib/db/pg.ts");
  await closePgPools();
  await db.$disconnect();
  await database.dispose();
}
