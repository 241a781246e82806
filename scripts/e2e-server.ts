// The servers Playwright tests against: a fresh database (DATABASE_URL_TEST's server, or an
// embedded PostgreSQL) with the demo organisation, and the production build served twice:
// E2E_PORT (demo mode on) and E2E_PORT + 1 (demo mode off, single sign-on through a real OpenID
// Connect provider on E2E_PORT + 2, with a per-account sign-in limit of 3 so that a test can reach
// it). Playwright owns this process.
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createDb } from "../lib/db.ts";
import { createTestDatabase } from "../lib/testing/test-database.ts";
import { seedDemoIfEmpty } from "../prisma/seed-demo.ts";
import { startWorker } from "../lib/jobs/worker.ts";
import { MAILBOX, startMailbox } from "../e2e/mailbox.ts";
import { OIDC_CLIENT, startOidcProvider } from "../e2e/oidc-provider.ts";
import { KEEP_ALIVE_MS, serverNodeOptions } from "./lib/runtime.ts";

const port = Number(process.env.E2E_PORT ?? 3100);
const smtpPort = port + 25;
const children: ChildProcess[] = [];

async function waitForHealth(url: string, child: ChildProcess) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server for ${url} exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${url}`);
}

function serve(
  p: number,
  demo: boolean,
  databaseUrl: string,
  extra: Record<string, string> = {},
): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      "node_modules/next/dist/bin/next",
      "start",
      "-p",
      String(p),
      "--keepAliveTimeout",
      String(KEEP_ALIVE_MS),
    ],
    {
      stdio: "inherit",
      env: {
        ...process.env,
        NODE_OPTIONS: serverNodeOptions(),
        DATABASE_URL: databaseUrl,
        DEMO_MODE: demo ? "1" : "0",
        NEXTAUTH_URL: `http://localhost:${p}`,
        NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret",
        NEXT_TELEMETRY_DISABLED: "1",
        ...extra,
      },
    },
  );
  children.push(child);
  return child;
}

const database = await createTestDatabase("e2e");
let stopWorker: (() => Promise<void>) | null = null;
const shutdown = async () => {
  for (const child of children) child.kill("SIGTERM");
  await stopWorker?.().catch(() => {});
  await database.dispose().catch(() => {});
  process.exit(0);
};
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());

const db = createDb(database.url, 2);
await seedDemoIfEmpty(db, (line) => console.log(`[e2e] ${line}`));
await db.$disconnect();
mkdirSync("test-results", { recursive: true });
writeFileSync("test-results/e2e-database.json", JSON.stringify({ url: database.url }));
rmSync(MAILBOX, { force: true });
await startMailbox(smtpPort);
Object.assign(process.env, {
  // The servers and the worker connect as the app's least-privilege role, as `npm start` does.
  DATABASE_URL: database.appUrl,
  SMTP_HOST: "127.0.0.1",
  SMTP_PORT: String(smtpPort),
  PUBLIC_URL: `http://localhost:${port}`,
  MAIL_FROM: "Countersign <countersign@acme.example>",
  INTEGRATIONS_KEY: "e2e-integrations-key-0123456789",
  // The audit signing key and checkpoint log of this run, not the checkout's .data/.
  COUNTERSIGN_DATA_DIR: path.join(os.tmpdir(), `countersign-e2e-data-${process.pid}`),
  // No random second looks in browser tests: they ask for one as a manager does.
  SECOND_LOOK_SHARE: "0",
  SECOND_LOOK_SHARE_TIER1: "0",
  SECOND_LOOK_SHARE_RUBBER_STAMP: "0",
});
const worker = await startWorker(database.appUrl, (line) => console.log(`[e2e] ${line}`));
stopWorker = worker.stop;

await startOidcProvider(port + 2, `http://localhost:${port + 1}`);

// Demo-off first: Playwright waits for the demo-on server's health, so both are up by then.
const off = serve(port + 1, false, database.appUrl, {
  OIDC_ISSUER: `http://localhost:${port + 2}`,
  OIDC_CLIENT_ID: OIDC_CLIENT.id,
  OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
  OIDC_NAME: "Acme SSO",
  SIGN_IN_LIMIT_PER_ACCOUNT: "3",
});
await waitForHealth(`http://localhost:${port + 1}/api/health`, off);
// Every demo sign-in of the suite comes from 127.0.0.1: the address limit is raised here only.
// API limits: per token low enough for the contract test's burst to meet it; per person high,
// since the hostile-input run sends 10,000 requests as one person.
serve(port, true, database.appUrl, {
  SIGN_IN_LIMIT_PER_ADDRESS: "100000",
  API_RATE_LIMIT_PER_TOKEN: "100",
  API_RATE_LIMIT_PER_PERSON: "100000",
});
