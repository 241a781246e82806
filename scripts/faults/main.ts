// npm run test:faults: Countersign under the faults an operator meets, each scripted against a
// real `npm start` on an embedded PostgreSQL of its own (docs/decisions/0015-operations.md):
//   (a) PostgreSQL killed (SIGKILL) twice under a load of submits and approvals;
//   (b) the app's node processes killed with SIGKILL mid-load, then `npm start` again;
//   (c) the SMTP server down, then refusing every other message, then back;
//   (d) the data directory's disk full under load, then space freed.
// Each prints what it did and what it counted; any problem fails the run (exit 1).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "../../lib/db/embedded.ts";
import { Instance } from "./instance.ts";
import { Mailbox } from "./smtp.ts";
import { Client, emptyLedger, runLoad, type Ledger } from "./load.ts";
import { checkIntegrity, checkLedger, settled, type Findings } from "./checks.ts";
import { diskFull, smtpOutage } from "./scenarios.ts";

/** Concurrent clients in (a), (b) and (d): each submits a change, then approves it as its reviewer. */
const CLIENTS = 6;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (line: string) => console.log(`[faults] ${line}`);
const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);

export interface World {
  instance: Instance;
  mailbox: Mailbox;
  pool: () => pg.Pool;
  /** One API token per client, each a different author (a pipeline each). */
  tokens: string[];
  dataDir: string;
  tmpfs: boolean;
  say: (line: string) => void;
}

const results: { name: string; findings: Findings; seconds: number }[] = [];

async function scenario(name: string, run: () => Promise<Findings>) {
  if (!wanted(name[0]!)) return;
  console.log(`\n━━━ (${name}`);
  const started = Date.now();
  let findings: Findings;
  try {
    findings = await run();
  } catch (error) {
    findings = { problems: [`crashed: ${(error as Error).stack ?? error}`], counts: {} };
  }
  const seconds = (Date.now() - started) / 1000;
  for (const [what, n] of Object.entries(findings.counts)) say(`  ${what}: ${n}`);
  for (const p of findings.problems) say(`  PROBLEM ${p}`);
  say(`(${name}: ${findings.problems.length ? "FAILED" : "ok"} in ${seconds.toFixed(0)} s`);
  results.push({ name, findings, seconds });
}

function merge(...all: Findings[]): Findings {
  return {
    problems: all.flatMap((f) => f.problems),
    counts: Object.assign({}, ...all.map((f) => f.counts)) as Record<string, number>,
  };
}

/** Load for `ms` while `fault` runs; then every client's retries finish. */
async function underLoad(
  world: World,
  clients: number,
  ms: number,
  fault: () => Promise<void>,
): Promise<Ledger> {
  const ledger = emptyLedger();
  const pool = world.pool();
  const workers = Array.from(
    { length: clients },
    (_, i) =>
      new Client(world.instance.base, world.tokens[i % world.tokens.length]!, ledger, 120_000),
  );
  const end = Date.now() + ms;
  const load = runLoad(workers, pool, () => Date.now() > end);
  await fault();
  await load;
  return ledger;
}

/** The answers replayed: every acknowledged submit asked again with its key names its change. */
async function replays(world: World, ledger: Ledger): Promise<Findings> {
  const clients = new Map(
    world.tokens.map((token) => [
      token,
      new Client(world.instance.base, token, emptyLedger(), 60_000),
    ]),
  );
  const problems: string[] = [];
  let same = 0;
  for (const s of ledger.submitted) {
    const again = await clients.get(s.token)!.resubmit(s);
    if (again?.key === s.key && again.replayed) same++;
    else problems.push(`${s.idempotencyKey} replayed as ${JSON.stringify(again)}, not ${s.key}`);
  }
  return { problems, counts: { "retries after the load answered with the original change": same } };
}

async function verifyAudit(world: World): Promise<Findings> {
  const verify = world.instance.cli(["audit", "verify"]);
  return {
    problems:
      verify.code === 0
        ? []
        : [`audit verify exit ${verify.code}: ${verify.stdout}${verify.stderr}`],
    counts: {},
  };
}

async function main() {
  const root = mkdtempSync(path.join(os.tmpdir(), "countersign-faults-"));
  const dataDir = path.join(root, "data");
  mkdirSync(dataDir, { mode: 0o700 });
  // (d) needs the data directory on a disk of its own that can fill up: a small tmpfs (root only).
  let tmpfs = false;
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=1536m,mode=0700", "tmpfs", dataDir], {
      stdio: "ignore",
    });
    tmpfs = true;
  } catch {
    say("cannot mount a tmpfs here (needs root): (d) disk full is skipped");
  }
  const mailbox = new Mailbox(await freePort());
  await mailbox.start("up");
  const instance = new Instance({
    dataDir,
    port: await freePort(),
    pgPort: await freePort(),
    logFile: path.join(root, "npm-start.log"),
    env: {
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(mailbox.port),
      SMTP_SECURE: "0",
      SHUTDOWN_TIMEOUT_SECONDS: "10",
      // The load signs in dozens of reviewers from one address, as a whole office behind one NAT.
      SIGN_IN_LIMIT_PER_ADDRESS: "100000",
      // The load approves as a few seniors as fast as the portal answers: well over the default
      // 1,200 API requests a minute per person since the portal got faster (issue 18). The
      // scenarios test recovery, not the limits (lib/server/rate-limit.int.test.ts does).
      API_RATE_LIMIT_PER_PERSON: "1000000",
      API_RATE_LIMIT_PER_TOKEN: "1000000",
    },
  });
  say(
    `data in ${dataDir}${tmpfs ? " (tmpfs, 1.5 GB)" : ""}; npm start's log: ${instance["options"].logFile}`,
  );
  const pools: pg.Pool[] = [];
  const world: World = {
    instance,
    mailbox,
    dataDir,
    tmpfs,
    say,
    tokens: [],
    pool: () => {
      const pool = new pg.Pool({ connectionString: instance.ownerUrl(), max: 4 });
      pool.on("error", () => {}); // PostgreSQL killed: the next query reconnects
      pools.push(pool);
      return pool;
    },
  };
  try {
    say("npm start (first start: migrations and the demo organisation)…");
    say(`ready in ${((await instance.start()) / 1000).toFixed(0)} s`);
    const pool = world.pool();
    const { rows } = await pool.query<{ email: string }>(
      `SELECT email FROM "User" WHERE active AND level = 'MID' ORDER BY email LIMIT $1`,
      [CLIENTS],
    );
    for (const [i, { email }] of rows.entries()) {
      const created = instance.cli(
        [
          "token",
          "create",
          "--name",
          `fault-tests-${i}`,
          "--scopes",
          "changes:read,changes:write",
        ].concat(["--user", email]),
      );
      if (created.code !== 0) throw new Error(`token create failed: ${created.stderr}`);
      world.tokens.push(created.stdout.trim());
    }
    say(`${world.tokens.length} API tokens, one per client, each for another author`);

    await scenario("a) PostgreSQL killed twice under load", async () => {
      const kills: string[] = [];
      const missed: string[] = [];
      const ledger = await underLoad(world, CLIENTS, 45_000, async () => {
        for (const at of [12_000, 20_000]) {
          await sleep(at);
          const pid = instance.postgresPid();
          try {
            if (!pid) throw new Error("no pid file");
            process.kill(pid, "SIGKILL");
            kills.push(`pid ${pid}`);
            say(`  SIGKILL PostgreSQL (${kills.at(-1)})`);
          } catch {
            missed.push(`no PostgreSQL running to kill (pid file: ${pid})`);
          }
        }
      });
      const p = world.pool();
      await settled(p);
      const health = (await (await fetch(`${instance.base}/api/health`)).json()) as {
        supervisor?: { restarts?: number };
      };
      const restarts = health.supervisor?.restarts ?? 0;
      return merge(
        {
          problems: [
            ...missed,
            ...(restarts >= kills.length
              ? []
              : [`supervisor restarted PostgreSQL ${restarts} times, killed ${kills.length}`]),
          ],
          counts: { "PostgreSQL kills": kills.length, "restarts by the supervisor": restarts },
        },
        await checkLedger(p, ledger),
        await replays(world, ledger),
        await checkIntegrity(p),
        await verifyAudit(world),
      );
    });

    await scenario("b) the app killed with SIGKILL mid-load, then npm start again", async () => {
      let killed: number[] = [];
      let restartMs = 0;
      const ledger = await underLoad(world, CLIENTS, 30_000, async () => {
        await sleep(12_000);
        killed = instance.killNode();
        say(
          `  SIGKILL ${killed.length} node processes (${killed.join(", ")}); PostgreSQL left running`,
        );
        await sleep(1000);
        restartMs = await instance.start(300_000);
        say(`  npm start again: ready in ${(restartMs / 1000).toFixed(1)} s`);
      });
      const p = world.pool();
      await settled(p);
      return merge(
        {
          problems: killed.length ? [] : ["no node process was killed"],
          counts: {
            "node processes killed": killed.length,
            "seconds to ready again": Math.round(restartMs / 1000),
          },
        },
        await checkLedger(p, ledger),
        await replays(world, ledger),
        await checkIntegrity(p),
        await verifyAudit(world),
      );
    });

    await scenario("c) the SMTP server down, then refusing, then back", () => smtpOutage(world));
    if (tmpfs)
      await scenario("d) the data directory's disk full under load", () => diskFull(world));
    else if (process.env.CI && wanted("d"))
      results.push({
        name: "d) disk full",
        findings: { problems: ["CI must run as root to mount the tmpfs"], counts: {} },
        seconds: 0,
      });
  } finally {
    await instance.stop().catch(() => {});
    await mailbox.stop();
    await Promise.all(pools.map((p) => p.end().catch(() => {})));
    if (tmpfs) execFileSync("umount", ["-l", dataDir], { stdio: "ignore" });
    if (!process.env.KEEP_FAULTS_DIR) rmSync(root, { recursive: true, force: true });
  }

  console.log("\n━━━ summary");
  for (const r of results)
    say(
      `${r.findings.problems.length ? "✗" : "✓"} (${r.name}: ${r.findings.problems.length} problems, ${r.seconds.toFixed(0)} s`,
    );
  const failed = results.filter((r) => r.findings.problems.length).length;
  writeFileSync(path.join("test-results", "faults.json"), JSON.stringify(results, null, 2));
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

mkdirSync("test-results", { recursive: true });
await main();
