// Shared by `npm start` and the command-line tool: which database to use, and the session secret.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import {
  ensureDatabase,
  LEGACY_PASSWORD,
  startEmbeddedPostgres,
  type EmbeddedServer,
} from "../../lib/db/embedded.ts";
import type { AppRole } from "../../lib/db/provision.ts";
import { supervise, type SupervisorState } from "../../lib/db/supervise.ts";

export const DATA_DIR = path.resolve(process.env.COUNTERSIGN_DATA_DIR ?? ".data");
/** Where `npm start` says which embedded server it runs (mode 0600: it holds the URLs). */
export const STATE_FILE = path.join(DATA_DIR, "embedded.json");
/** The embedded server's app role: owns nothing, holds only the app's grants (lib/db/roles.ts). */
const APP_ROLE = "countersign_app";
const DATABASE = "countersign";
export const DEFAULT_EMBEDDED_PORT = 54329;

/**
 * V8 flags for the web server. A routing decision allocates a few hundred candidate verdicts;
 * with Node's default young generation its scavenges put the p95 of bench:routing at about
 * 11 ms, with 32 MB at about 7 ms. The old generation is capped at 280 MB: uncapped, V8 let the
 * server grow to a gigabyte resident under `npm run bench` before collecting (its default limit
 * is a quarter of the machine's memory); capped, it stays under 500 MB (the live set is about
 * 150 MB; exports stream; 300 MB left 503 MB at factor 1, docs/decisions/0016-scale.md). The
 * benchmarks run with the same flags.
 */
export const SERVER_NODE_OPTIONS = "--max-semi-space-size=32 --max-old-space-size=280";

/** NODE_OPTIONS for a server process: what the caller set, and ours. */
export function serverNodeOptions(env: NodeJS.ProcessEnv = process.env): string {
  return [env.NODE_OPTIONS, SERVER_NODE_OPTIONS].filter(Boolean).join(" ");
}

/**
 * The environment for `next <args>`: the server's flags for `next start` only. `next build`
 * type-checks the whole project and runs out of heap under the server's cap, and `next dev`
 * compiles as it serves.
 */
export function nextCommandEnv(args: string[], env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return args[0] === "start" ? { ...env, NODE_OPTIONS: serverNodeOptions(env) } : env;
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
  /** The owner's URL: migrations, the demo seed, operators' commands. */
  url: string;
  /** Who the web app and the job worker connect as (lib/db/provision.ts). */
  app: AppRole;
  embedded: boolean;
  /** Shutting down: stop supervising, so PostgreSQL ending now is not restarted. */
  release?: () => void;
  stop: () => Promise<void>;
}

interface EmbeddedState {
  url: string;
  pid: number;
  appPassword: string;
}

function runningEmbedded(): EmbeddedState | null {
  if (!existsSync(STATE_FILE)) return null;
  try {
    const state = JSON.parse(readFileSync(STATE_FILE, "utf8")) as EmbeddedState;
    process.kill(state.pid, 0);
    return state;
  } catch {
    return null;
  }
}

/**
 * Data directories made before passwords were generated per install have the constant one: move
 * the owner to this install's password the first time it starts.
 */
async function adoptOwnerPassword(server: EmbeddedServer, say: (line: string) => void) {
  const probe = new pg.Client({ connectionString: server.url("postgres") });
  try {
    await probe.connect();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== "28P01") throw error;
  } finally {
    await probe.end().catch(() => {});
  }
  const legacy = new URL(server.url("postgres"));
  legacy.password = LEGACY_PASSWORD;
  const client = new pg.Client({ connectionString: legacy.toString() });
  await client.connect();
  try {
    const password = decodeURIComponent(new URL(server.url("postgres")).password);
    await client.query(`ALTER ROLE postgres PASSWORD '${password.replace(/'/g, "''")}'`);
    say("embedded PostgreSQL: the owner's password is now this install's own (was the default)");
  } finally {
    await client.end();
  }
}

/**
 * DATABASE_URL when set; otherwise the embedded server in .data/ — reused when `npm start` is
 * already running it, started here (and stopped by `stop`) when it is not.
 */
export async function prepareDatabase(
  options: { quiet?: boolean; onSupervisorState?: (state: SupervisorState) => void } = {},
): Promise<PreparedDatabase> {
  const say = options.quiet ? () => {} : log;
  if (process.env.DATABASE_URL) {
    // With DATABASE_OWNER_URL, migrations run as the owner and DATABASE_URL's role is granted only
    // what the app needs; without it, DATABASE_URL does both (README, Configuration).
    const owner = process.env.DATABASE_OWNER_URL || process.env.DATABASE_URL;
    await createIfMissing(owner, say);
    return {
      url: owner,
      app: { create: false, url: process.env.DATABASE_URL },
      embedded: false,
      stop: async () => {},
    };
  }
  const running = runningEmbedded();
  if (running)
    return {
      url: running.url,
      app: { create: true, name: APP_ROLE, password: running.appPassword },
      embedded: true,
      stop: async () => {},
    };
  mkdirSync(DATA_DIR, { recursive: true, mode: 0o700 });
  const started = Date.now();
  const password = generatedOnce("", "pg-owner-password");
  const appPassword = generatedOnce("", "pg-app-password");
  const start = () =>
    startEmbeddedPostgres({
      dataDir: path.join(DATA_DIR, "pg"),
      port: Number(process.env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PORT),
      persistent: true,
      password,
      warn: say,
    });
  const server = await start();
  await adoptOwnerPassword(server, say);
  await ensureDatabase(server.url("postgres"), DATABASE);
  const url = server.url(DATABASE);
  const state: EmbeddedState = { url, pid: process.pid, appPassword };
  writeFileSync(STATE_FILE, JSON.stringify(state), { mode: 0o600 });
  say(
    `embedded PostgreSQL ready on port ${server.port} (${Date.now() - started} ms, data in ${path.relative(process.cwd(), DATA_DIR)}/)`,
  );
  // Supervised: restarted with backoff when it dies unasked (issue 17, defect 2).
  const supervisor = supervise(server, start, {
    log: say,
    onState: options.onSupervisorState,
  });
  return {
    url,
    app: { create: true, name: APP_ROLE, password: appPassword },
    embedded: true,
    release: supervisor.release,
    stop: async () => {
      rmSync(STATE_FILE, { force: true }); // at once: no command may reuse a server being stopped
      await supervisor.stop();
      say("embedded PostgreSQL stopped");
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

/** The environment variable `name` when set (and `name` given), else a secret kept in .data/. */
function generatedOnce(name: string, fileName: string): string {
  const given = name ? process.env[name] : undefined;
  if (given) return given;
  const file = path.join(DATA_DIR, fileName);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(DATA_DIR, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
