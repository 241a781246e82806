// Shared by `npm start` and the command-line tool: which database to use, and the session secret.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { ensureDatabase, startEmbeddedPostgres } from "../../lib/db/embedded.ts";

export const DATA_DIR = path.resolve(process.env.COUNTERSIGN_DATA_DIR ?? ".data");
const STATE_FILE = path.join(DATA_DIR, "embedded.json");
const DATABASE = "countersign";
export const DEFAULT_EMBEDDED_PORT = 54329;

/**
 * V8 flags for the web server. A routing decision allocates a few hundred candidate verdicts;
 * with Node's default young generation its scavenges put the p95 of bench:routing at about
 * 11 ms, with 32 MB at about 7 ms. The benchmarks run with the same flags.
 */
export const SERVER_NODE_OPTIONS = "--max-semi-space-size=32";

/** NODE_OPTIONS for a server process: what the caller set, and ours. */
export function serverNodeOptions(env: NodeJS.ProcessEnv = process.env): string {
  return [env.NODE_OPTIONS, SERVER_NODE_OPTIONS].filter(Boolean).join(" ");
}

/**
 * How long the server keeps an idle connection open (`next start --keepAliveTimeout`). Node's 5 s
 * default races clients and proxies that keep theirs longer: a request sent on a connection the
 * server is closing meets ECONNRESET (or a proxy's 502). Longer than the common 60 s idle timeout
 * of load balancers, as their documentation advises.
 */
export const KEEP_ALIVE_MS = 65_000;

export function log(line: string) {
  console.log(`[countersign] ${line}`);
}

export interface PreparedDatabase {
  url: string;
  embedded: boolean;
  stop: () => Promise<void>;
}

function runningEmbedded(): { url: string } | null {
  if (!existsSync(STATE_FILE)) return null;
  try {
    const state = JSON.parse(readFileSync(STATE_FILE, "utf8")) as { url: string; pid: number };
    process.kill(state.pid, 0);
    return { url: state.url };
  } catch {
    return null;
  }
}

/**
 * DATABASE_URL when set; otherwise the embedded server in .data/ — reused when `npm start` is
 * already running it, started here (and stopped by `stop`) when it is not.
 */
export async function prepareDatabase(
  options: { quiet?: boolean } = {},
): Promise<PreparedDatabase> {
  const say = options.quiet ? () => {} : log;
  if (process.env.DATABASE_URL) {
    await createIfMissing(process.env.DATABASE_URL, say);
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const running = runningEmbedded();
  if (running) return { url: running.url, embedded: true, stop: async () => {} };
  mkdirSync(DATA_DIR, { recursive: true });
  const started = Date.now();
  const server = await startEmbeddedPostgres({
    dataDir: path.join(DATA_DIR, "pg"),
    port: Number(process.env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PORT),
    persistent: true,
    warn: say,
  });
  await ensureDatabase(server.url("postgres"), DATABASE);
  const url = server.url(DATABASE);
  writeFileSync(STATE_FILE, JSON.stringify({ url, pid: process.pid }));
  server.onExit(() => {
    rmSync(STATE_FILE, { force: true });
    say("embedded PostgreSQL stopped");
  });
  say(
    `embedded PostgreSQL ready on port ${server.port} (${Date.now() - started} ms, data in ${path.relative(process.cwd(), DATA_DIR)}/)`,
  );
  return {
    url,
    embedded: true,
    stop: async () => {
      rmSync(STATE_FILE, { force: true }); // at once: no command may reuse a server being stopped
      await server.stop();
    },
  };
}

/** A DATABASE_URL naming a database that does not exist yet: create it (when the role may). */
async function createIfMissing(url: string, say: (line: string) => void) {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    if ((error as { code?: string }).code !== "3D000") throw error;
    const name = decodeURIComponent(new URL(url).pathname.slice(1));
    const server = new URL(url);
    server.pathname = "/postgres";
    await ensureDatabase(server.toString(), name);
    say(`created database "${name}"`);
    return;
  } finally {
    await client.end().catch(() => {});
  }
}

/** NEXTAUTH_SECRET, or one generated once and kept in .data/ so sessions survive restarts. */
export function ensureSecret(): string {
  return generatedOnce("NEXTAUTH_SECRET", "nextauth-secret");
}

/**
 * INTEGRATIONS_KEY (encrypts the integrations' secrets at rest), or one generated once and kept in
 * .data/. Set it in production and keep it apart from database backups (README, Configuration).
 */
export function ensureIntegrationsKey(): string {
  return generatedOnce("INTEGRATIONS_KEY", "integrations-key");
}

function generatedOnce(name: string, fileName: string): string {
  const given = process.env[name];
  if (given) return given;
  const file = path.join(DATA_DIR, fileName);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
