// npm run -s cli -- <command>: Countersign's command-line tool. Reads DATABASE_URL, or the
// embedded PostgreSQL in .data/ (reusing the one `npm start` runs, or starting it for the command).
// Data goes to stdout, messages to stderr; bad input exits non-zero with a one-line error.
import { readFileSync } from "node:fs";
import os from "node:os";
import { Command, CommanderError, Option } from "commander";
import { prepareDatabase, type PreparedDatabase } from "./lib/runtime.ts";
import { registerRemoteCommands } from "./remote/commands.ts";

let database: PreparedDatabase | null = null;

/** The database, as its owner (an operator's tool). An unreachable one is a one-line error, exit 2. */
async function connect(): Promise<void> {
  try {
    database = await prepareDatabase({ quiet: true });
    process.env.DATABASE_URL = database.url;
    const { migrate } = await import("../lib/db/migrate.ts");
    await migrate(database.url);
  } catch (error) {
    const message = (error as Error).message.split("\n")[0];
    fail(`cannot reach the database: ${message}`);
  }
}

async function finish(code: number): Promise<never> {
  const { closePgPools } = await import("../lib/db/pg.ts");
  await closePgPools();
  const { db } = await import("../lib/db.ts");
  await db.$disconnect().catch(() => {});
  await database?.stop();
  process.exit(code);
}

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}

async function write(chunk: string) {
  if (!process.stdout.write(chunk))
    await new Promise((resolve) => process.stdout.once("drain", resolve));
}

const program = new Command("countersign")
  .description("Countersign command-line tool")
  .exitOverride();

program
  .command("owners")
  .description(
    "print the CODEOWNERS owners of each path as one JSON object (GitHub's rules; unowned: [])",
  )
  .requiredOption("--codeowners <file>", "a CODEOWNERS file")
  .option("--paths-file <file>", "a file with one path per line")
  .argument("[paths...]", "repository-relative paths")
  .action(async (paths: string[], options: { codeowners: string; pathsFile?: string }) => {
    const { parseCodeowners } = await import("../lib/domain/ownership/codeowners.ts");
    const { compileRules, ownersOf } = await import("../lib/domain/ownership/matcher.ts");
    const all = [...paths];
    if (options.pathsFile)
      all.push(
        ...readInput(options.pathsFile, "--paths-file")
          .split(/\r?\n/)
          .map((p) => p.trim())
          .filter(Boolean),
      );
    if (all.length === 0) fail("give at least one path, or --paths-file");
    // The same canonical-path rule as submission: a path git would never write is refused.
    const { pathProblems } = await import("../lib/domain/changes/paths.ts");
    const [bad] = pathProblems(all);
    if (bad) fail(`the path "${bad.path}" ${bad.problem}`);
    const parsed = parseCodeowners(readInput(options.codeowners, "--codeowners"));
    for (const problem of parsed.problems)
      process.stderr.write(`warning: CODEOWNERS line ${problem.line}: ${problem.message}\n`);
    const matcher = compileRules(
      parsed.rules.map((r) => ({ pattern: r.pattern, value: r.owners })),
    );
    await write(`${JSON.stringify(ownersOf(matcher, all))}\n`);
  });

const importer = program
  .command("import")
  .description("import ownership from CODEOWNERS files and Backstage catalogs");

/** A progress bar on stderr, shown from the first update (on a terminal or not). */
async function progressBar(format: string) {
  const { SingleBar, Presets } = await import("cli-progress");
  const bar = new SingleBar(
    { stream: process.stderr, format, hideCursor: true, noTTYOutput: true, notTTYSchedule: 10_000 },
    Presets.shades_classic,
  );
  let shown = false;
  return {
    update(done: number, total: number) {
      if (!shown) bar.start(total, 0);
      shown = true;
      bar.update(done);
    },
    stop() {
      if (shown) bar.stop();
      shown = false;
    },
  };
}

function readInput(file: string, flag: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    fail(`${flag}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
}

async function runImport<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const { AppError } = await import("../lib/errors.ts");
    if (error instanceof AppError) {
      // A validation message already names each field; other errors list theirs below.
      const details =
        Array.isArray(error.details) && error.code !== "VALIDATION"
          ? (error.details as { field: string; message: string }[])
              .map((d) => `${d.field}: ${d.message}`)
              .join("; ")
          : error.message;
      process.stderr.write(`error: ${details}\n`);
      await finish(2);
    }
    throw error;
  }
}

importer
  .command("codeowners")
  .description("turn a CODEOWNERS file into the repository's ownership rules (idempotent)")
  .requiredOption("--repository <name>", "the repository, as org/name")
  .requiredOption("--file <CODEOWNERS>", "the CODEOWNERS file")
  .action(async (options: { repository: string; file: string }) => {
    const text = readInput(options.file, "--file");
    await connect();
    const { importCodeowners } = await import("../lib/server/imports/codeowners.ts");
    const { systemActor } = await import("../lib/domain/actor.ts");
    const bar = await progressBar("importing rules [{bar}] {value}/{total}");
    const report = await runImport(() =>
      importCodeowners(
        systemActor(`cli (${os.userInfo().username})`),
        { repository: options.repository, text },
        (done, total) => {
          if (total >= 200) bar.update(done, total);
        },
      ),
    );
    bar.stop();
    const lines = [
      `${report.repository}: ${report.rules} rules${report.unchanged ? " (unchanged: nothing written)" : ""}${report.createdRepository ? ", repository created" : ""}, ${report.mappedToSystems} mapped to a system`,
      ...report.problems.map((p) => `  invalid line ${p.line}: ${p.message} (skipped)`),
      ...(report.unknownOwners.length
        ? [`  unknown owners (${report.unknownOwners.length}): ${report.unknownOwners.join(" ")}`]
        : []),
    ];
    await write(`${lines.join("\n")}\n`);
    await finish(0);
  });

importer
  .command("catalog")
  .description(
    "create or update teams and systems from Backstage catalog entities (Group, Component, System)",
  )
  .requiredOption(
    "--file <catalog-info.yaml>",
    "a Backstage catalog file (one or more YAML documents)",
  )
  .action(async (options: { file: string }) => {
    const text = readInput(options.file, "--file");
    await connect();
    const { importCatalog } = await import("../lib/server/imports/catalog.ts");
    const report = await runImport(() =>
      importCatalog({ kind: "system", job: `cli (${os.userInfo().username})` }, text),
    );
    const list = (label: string, items: string[]) =>
      items.length ? [`${label} (${items.length}): ${items.join(", ")}`] : [];
    const lines = [
      ...list("teams created", report.teams.created),
      ...list("teams updated", report.teams.updated),
      ...list("teams unchanged", report.teams.unchanged),
      ...list("systems created", report.systems.created),
      ...list("systems updated", report.systems.updated),
      ...list("systems unchanged", report.systems.unchanged),
      ...list("repositories linked", report.repositoriesLinked),
      ...list("logins set", report.loginsSet),
      ...report.skipped.map((s) => `skipped ${s.entity}: ${s.reason}`),
      ...Object.entries(report.ignoredKinds).map(
        ([kind, n]) => `ignored ${n} ${kind} entit${n === 1 ? "y" : "ies"}`,
      ),
    ];
    await write(`${(lines.length ? lines : ["nothing to import"]).join("\n")}\n`);
    await finish(0);
  });

program
  .command("seed")
  .description(
    "grow the demo organisation to 20,000 people, 2,000 teams and 5,000 systems, and write " +
      "factor x 1,000,000 changes of history (reviews, incidents, a valid audit chain) with COPY",
  )
  .requiredOption("--scale <factor>", "1 = 1,000,000 changes; 0.1 for a quick run")
  .action(async (options: { scale: string }) => {
    const factor = Number(options.scale);
    if (!Number.isFinite(factor) || factor <= 0 || factor > 10)
      fail(`--scale: "${options.scale}" is not a number above 0 and at most 10`);
    await connect();
    const { seedScale } = await import("../prisma/seed-scale.ts");
    const bar = await progressBar("writing changes [{bar}] {value}/{total} ({eta_formatted} left)");
    const started = performance.now();
    try {
      const counts = await seedScale(process.env.DATABASE_URL!, {
        factor,
        log: (line) => process.stderr.write(`${line}\n`),
        progress: (done, total) => {
          bar.update(done, total);
          if (done === total) bar.stop();
        },
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      await write(
        `seeded at scale ${factor} in ${seconds} s: ${Object.entries(counts)
          .map(([k, v]) => `${v.toLocaleString("en")} ${k}`)
          .join(", ")}\n`,
      );
    } catch (error) {
      bar.stop();
      process.stderr.write(`error: ${(error as Error).message.split("\n")[0]}\n`);
      await finish(1);
    }
    await finish(0);
  });

const audit = program.command("audit").description("verify and export the audit trail");

audit
  .command("verify")
  .description(
    "recompute the hash chain; prints `ok <N> events` (exit 0) or the first broken sequence number (exit 1)",
  )
  .action(async () => {
    await connect();
    const { pgPool } = await import("../lib/db/pg.ts");
    const { describeVerify, verifyChain } = await import("../lib/server/audit/verify.ts");
    const { checkpointConfig, loadCheckpoints } =
      await import("../lib/server/audit/checkpoints.ts");
    const config = checkpointConfig();
    const checkpoints = await loadCheckpoints(pgPool(), config.logFile);
    const result = await verifyChain(pgPool(), { checkpoints, verifyKey: config.verifyKey });
    process.stdout.write(`${describeVerify(result)}\n`);
    await finish(result.ok ? 0 : 1);
  });

audit
  .command("checkpoint")
  .description("sign the chain's head now (Ed25519, key outside the database) and record it")
  .action(async () => {
    await connect();
    const { pgPool } = await import("../lib/db/pg.ts");
    const { checkpointConfig, takeCheckpoint } = await import("../lib/server/audit/checkpoints.ts");
    const config = checkpointConfig();
    const checkpoint = await takeCheckpoint(pgPool(), config);
    process.stdout.write(
      checkpoint
        ? `checkpoint seq ${checkpoint.seq} ${checkpoint.hash} (key ${checkpoint.keyId}) -> ${config.logFile}\n`
        : "the chain's head is already checkpointed\n",
    );
    await finish(0);
  });

audit
  .command("checkpoints")
  .description("list the signed checkpoints (the log file's and the database's) as JSON lines")
  .action(async () => {
    await connect();
    const { pgPool } = await import("../lib/db/pg.ts");
    const { checkpointConfig, loadCheckpoints, toRecord } =
      await import("../lib/server/audit/checkpoints.ts");
    for (const checkpoint of await loadCheckpoints(pgPool(), checkpointConfig().logFile))
      await write(`${JSON.stringify(toRecord(checkpoint))}\n`);
    await finish(0);
  });

audit
  .command("export")
  .description("stream the audit trail to stdout (the export is itself audited)")
  .addOption(
    new Option("--format <format>", "ndjson or csv")
      .choices(["ndjson", "csv"])
      .makeOptionMandatory(),
  )
  .option("--since <iso>", "only events at or after this time")
  .option("--until <iso>", "only events before this time")
  .action(async (options: { format: string; since?: string; until?: string }) => {
    const { exportParamsSchema } = await import("../lib/server/audit/export-params.ts");
    const parsed = exportParamsSchema.safeParse(options);
    if (!parsed.success)
      fail(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "));
    await connect();
    const { pgPool } = await import("../lib/db/pg.ts");
    const { exportChunks, recordExport } = await import("../lib/server/audit/export.ts");
    const params = parsed.data;
    await recordExport(
      { kind: "system", job: `cli (${os.userInfo().username})` },
      params.format,
      "cli",
      {
        since: params.since ?? null,
        until: params.until ?? null,
      },
    );
    for await (const chunk of exportChunks(pgPool(), params.format, {
      since: params.since ? new Date(params.since) : undefined,
      until: params.until ? new Date(params.until) : undefined,
    })) {
      await write(chunk);
    }
    await finish(0);
  });

const metrics = program
  .command("metrics")
  .description("check and rebuild the dashboard's facts and daily rollups");

metrics
  .command("check")
  .description(
    "compare the dashboard's derived tables with a fresh computation; prints `ok` (exit 0) or the tables that differ (exit 1)",
  )
  .action(async () => {
    await connect();
    const { checkMetricFacts } = await import("../lib/server/metrics/maintenance.ts");
    const differing = Object.entries(await checkMetricFacts()).filter(([, n]) => n > 0);
    process.stdout.write(
      differing.length === 0
        ? "ok: the dashboard's facts and rollups agree with the base tables\n"
        : `${differing.map(([table, n]) => `${table}: ${n} rows differ`).join("\n")}\n` +
            "run `npm run -s cli -- metrics rebuild` to recompute them\n",
    );
    await finish(differing.length === 0 ? 0 : 1);
  });

metrics
  .command("rebuild")
  .description("recompute every dashboard fact and rollup from the base tables (audited)")
  .action(async () => {
    await connect();
    const { rebuildMetricFacts } = await import("../lib/server/metrics/maintenance.ts");
    const started = Date.now();
    const result = await rebuildMetricFacts({
      kind: "system",
      job: `cli (${os.userInfo().username})`,
    });
    process.stdout.write(
      `rebuilt the facts of ${result.changes} changes and ${result.reviews} reviews ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    await finish(0);
  });

program
  .command("backup")
  .description(
    "back up the database: the embedded server as a physical base backup (tar.gz), a configured one with a pg_dump of its version",
  )
  .requiredOption("--out <file>", "where to write the backup")
  .action(async (options: { out: string }) => {
    await connect();
    const { DATA_DIR } = await import("./lib/runtime.ts");
    const path = await import("node:path");
    const say = (line: string) => process.stderr.write(`${line}\n`);
    if (database!.embedded) {
      const { physicalBackup } = await import("../lib/db/backup.ts");
      const serverUrl = new URL(database!.url);
      serverUrl.pathname = "/postgres";
      await physicalBackup(serverUrl.toString(), path.join(DATA_DIR, "pg"), options.out, say);
    } else {
      const { dumpWithMatchingPgDump } = await import("../lib/db/dump.ts");
      await dumpWithMatchingPgDump(database!.url, options.out, say);
    }
    await finish(0);
  });

program
  .command("restore")
  .description("restore a backup into a new data directory (physical) or a database (pg_dump)")
  .requiredOption("--from <file>", "the backup file")
  .option("--data-dir <dir>", "a new, empty PostgreSQL data directory (for a physical backup)")
  .option("--database <url>", "an empty database to restore a pg_dump into")
  .action(async (options: { from: string; dataDir?: string; database?: string }) => {
    if (!options.dataDir === !options.database)
      fail("give exactly one of --data-dir and --database");
    const say = (line: string) => process.stderr.write(`${line}\n`);
    try {
      if (options.dataDir) {
        const { restoreBackup } = await import("../lib/db/backup.ts");
        await restoreBackup(options.from, options.dataDir);
        say(
          `restored into ${options.dataDir}; start it as the data directory "pg" of a COUNTERSIGN_DATA_DIR that holds the source's pg-owner-password, pg-app-password and audit-signing-key.pem, then run audit verify`,
        );
      } else {
        const { restoreDump } = await import("../lib/db/dump.ts");
        await restoreDump(options.from, options.database!, say);
      }
    } catch (error) {
      fail((error as Error).message.split("\n")[0]!);
    }
    process.exit(0);
  });

const token = program.command("token").description("create and revoke API tokens (audited)");

token
  .command("create")
  .description("create an API token and print only its secret on stdout (shown this once)")
  .requiredOption("--name <name>", "a name that says where it is used, e.g. storefront-deploy")
  .requiredOption("--scopes <a,b>", "comma-separated scopes, e.g. changes:write,gate:read")
  .option("--user <email>", "the owner (default: the first active admin)")
  .option("--expires <iso>", "when it stops working, e.g. 2027-06-30T00:00Z (default: never)")
  .action(async (o: { name: string; scopes: string; user?: string; expires?: string }) => {
    await connect();
    const { createToken } = await import("../lib/server/tokens.ts");
    const { db } = await import("../lib/db.ts");
    const owner =
      o.user ??
      (
        await db.user.findFirst({
          where: { active: true, roles: { has: "ADMIN" } },
          orderBy: { createdAt: "asc" },
          select: { email: true },
        })
      )?.email;
    if (!owner) fail("--user <email>: there is no active admin to own the token");
    const created = await createToken(
      { kind: "system", job: `cli (${os.userInfo().username})` },
      {
        name: o.name,
        owner,
        scopes: o.scopes
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
        ...(o.expires ? { expiresAt: o.expires } : {}),
      },
    );
    process.stderr.write(
      `created token ${created.token.name} for ${created.token.owner.email} ` +
        `(${created.token.scopes.join(", ")}; ${created.token.expiresAt ? `expires ${created.token.expiresAt}` : "no expiry"})\n`,
    );
    process.stdout.write(`${created.secret}\n`);
    await finish(0);
  });

token
  .command("revoke")
  .description("revoke a token by name: it stops working at once")
  .argument("<name>", "the token's name")
  .action(async (name: string) => {
    await connect();
    const { revokeToken } = await import("../lib/server/tokens.ts");
    const revoked = await revokeToken(
      { kind: "system", job: `cli (${os.userInfo().username})` },
      name,
    );
    process.stderr.write(`revoked token ${revoked.name} (${revoked.owner.email})\n`);
    await finish(0);
  });

// submit and gate talk to a running portal's API (COUNTERSIGN_URL, COUNTERSIGN_TOKEN), not to the
// database: the same commands the bundled CLI has (npm run build:cli).
registerRemoteCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  const { AppError } = await import("../lib/errors.ts");
  if (error instanceof AppError) {
    // A validation message already names each field; other errors list theirs below.
    const details =
      Array.isArray(error.details) && error.code !== "VALIDATION"
        ? error.details.map((d) => `\n  ${d.field}: ${d.message}`).join("")
        : "";
    process.stderr.write(`error: ${error.message}${details}\n`);
    await finish(2);
  }
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  await finish(1);
}
