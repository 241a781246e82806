// Fault scenarios (c) and (d) of npm run test:faults (scripts/faults/main.ts).
import { closeSync, openSync, rmSync, statfsSync, writeSync } from "node:fs";
import path from "node:path";
import type { Findings } from "./checks.ts";
import { checkIntegrity, checkLedger, settled } from "./checks.ts";
import { Client, emptyLedger, runLoad } from "./load.ts";
import type { World } from "./main.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * (c) Mail while the SMTP server is down (connections refused), then refusing every second message
 * with a 451, then up: every message the portal queued arrives exactly once.
 */
export async function smtpOutage(world: World): Promise<Findings> {
  const { mailbox, say } = world;
  const pool = world.pool();
  // The earlier scenarios' load queued thousands of e-mails; let them go out first, so that this
  // scenario's messages are not still waiting behind them when it looks.
  const backlog = async () =>
    Number(
      (
        await pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM pgboss.job WHERE name = 'email' AND state IN ('created', 'retry', 'active')`,
        )
      ).rows[0]!.n,
    );
  say(`  e-mails queued by the earlier scenarios: ${await backlog()}; letting them go out`);
  for (const until = Date.now() + 600_000; Date.now() < until && (await backlog()) > 0;)
    await sleep(2_000);
  const since = (await pool.query<{ now: Date }>("SELECT now() AS now")).rows[0]!.now;
  await mailbox.stop();
  say("  SMTP server down (connection refused); submitting 12 changes (each mails its reviewers)");
  const ledger = emptyLedger();
  const client = new Client(world.instance.base, world.tokens[0]!, ledger, 60_000);
  for (let i = 0; i < 12; i++) await client.submit();
  await sleep(20_000);
  await mailbox.start("refusing");
  say("  SMTP server back but refusing every second message (451) for 30 s");
  await sleep(30_000);
  mailbox.mode = "up";
  say("  SMTP server up; waiting for the queue to drain");
  const jobs = async () =>
    (
      await pool.query<{ id: string; state: string; mail: string | null }>(
        `SELECT id, state, data->>'id' AS mail FROM pgboss.job
         WHERE name = 'email' AND created_on >= $1`,
        [since],
      )
    ).rows;
  const deadline = Date.now() + 420_000;
  let rows = await jobs();
  while (
    Date.now() < deadline &&
    rows.some((r) => !["completed", "failed", "cancelled"].includes(r.state))
  ) {
    await sleep(2000);
    rows = await jobs();
  }
  const problems: string[] = [];
  if (rows.length === 0) problems.push("no e-mail was queued: the scenario tested nothing");
  const pending = rows.filter((r) => r.state !== "completed");
  if (pending.length)
    problems.push(
      `${pending.length} e-mails not delivered after the server returned (${pending.map((r) => r.state).join(", ")})`,
    );
  const missing = rows.filter((r) => !mailbox.received.has(r.mail ?? ""));
  if (missing.length) problems.push(`${missing.length} queued e-mails never reached the server`);
  const twice = rows.filter((r) => (mailbox.received.get(r.mail ?? "") ?? 0) > 1);
  if (twice.length) problems.push(`${twice.length} e-mails were delivered more than once`);
  if (!ledger.submitted.length) problems.push("no change was submitted");
  return {
    problems,
    counts: {
      "changes submitted while SMTP was down": ledger.submitted.length,
      "e-mails queued": rows.length,
      "refused with 451": mailbox.refused,
      "delivered once": rows.filter((r) => mailbox.received.get(r.mail ?? "") === 1).length,
      "delivered twice or more": twice.length,
    },
  };
}

/**
 * (d) The data directory's disk fills up under load: writes answer 503 naming the disk, nothing is
 * half-written, and once space is freed the portal takes writes again without a restart.
 */
export async function diskFull(world: World): Promise<Findings> {
  const { say, instance } = world;
  const filler = path.join(world.dataDir, "filler");
  const fill = () => {
    const fd = openSync(filler, "a");
    const block = Buffer.alloc(1024 * 1024, 0xaa);
    try {
      // Leave nothing: PostgreSQL then cannot extend a table or start a WAL segment.
      for (;;) writeSync(fd, block);
    } catch {
      // ENOSPC: full
    } finally {
      closeSync(fd);
    }
  };
  const ledger = emptyLedger();
  const pool = world.pool();
  const clients = world.tokens.map((token) => new Client(instance.base, token, ledger, 180_000));
  let full = 0;
  let firstAfterFree = 0;
  const end = Date.now() + 50_000;
  const load = runLoad(clients, pool, () => Date.now() > end);
  await sleep(8000);
  fill();
  const stats = statfsSync(world.dataDir);
  full = Number(stats.bavail) * Number(stats.bsize);
  say(`  disk filled (${(full / 1024).toFixed(0)} KiB left); load goes on for 20 s`);
  await sleep(20_000);
  const during = { ...ledger.unavailableMessages };
  rmSync(filler, { force: true });
  const freed = Date.now();
  say("  space freed; waiting for a submit to succeed");
  const probe = new Client(instance.base, world.tokens[0]!, emptyLedger(), 180_000);
  if (await probe.submit()) firstAfterFree = Date.now() - freed;
  await load;
  await settled(pool);
  const problems: string[] = [];
  const diskAnswers = Object.entries(during)
    .filter(([message]) => /disk/i.test(message))
    .reduce((n, [, count]) => n + count, 0);
  if (!diskAnswers)
    problems.push(`no 503 named the disk while it was full (503s: ${JSON.stringify(during)})`);
  if (!firstAfterFree) problems.push("no submit succeeded after the space was freed");
  const verify = instance.cli(["audit", "verify"]);
  if (verify.code !== 0)
    problems.push(`audit verify exit ${verify.code}: ${verify.stdout}${verify.stderr}`);
  const checked = await checkLedger(pool, ledger);
  const whole = await checkIntegrity(pool);
  return {
    problems: [...problems, ...checked.problems, ...whole.problems],
    counts: {
      ...checked.counts,
      ...whole.counts,
      "503 answers naming the disk": diskAnswers,
      "seconds from freeing space to a successful submit": Math.round(firstAfterFree / 1000),
    },
  };
}
