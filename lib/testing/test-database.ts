// A freshly migrated database for one test run: on DATABASE_URL_TEST's server when set (a new
// database, dropped afterwards), otherwise on an embedded PostgreSQL started for the run.
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ensureDatabase, startEmbeddedPostgres } from "@/lib/db/embedded";
import { randomBytes } from "node:crypto";
import { provision } from "@/lib/db/provision";

export interface TestDatabase {
  /** The owner's URL: migrations, fixtures and superuser-free test set-up. */
  url: string;
  /** The app's least-privilege role (lib/db/roles.ts): what servers under test connect with. */
  appUrl: string;
  /** A URL to the same server's maintenance database (for superuser work in tests). */
  serverUrl: string;
  dispose: () => Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `countersign_${label}_${Date.now()}_${process.pid}`;
  // Roles are server-wide: one per test database, dropped with it.
  const role = {
    create: true as const,
    name: `${name}_app`,
    password: randomBytes(18).toString("base64url"),
  };
  const external = process.env.DATABASE_URL_TEST;
  if (external) {
    const serverUrl = withDatabase(external, "postgres");
    await ensureDatabase(serverUrl, name);
    const url = withDatabase(external, name);
    const { appUrl } = await provision(url, role);
    return {
      url,
      appUrl,
      serverUrl,
      dispose: async () => {
        const client = new pg.Client({ connectionString: serverUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
        await client.query(`DROP ROLE IF EXISTS "${role.name}"`).catch(() => {});
        await client.end();
      },
    };
  }
  const server = await startEmbeddedPostgres({
    dataDir: path.join(os.tmpdir(), `countersign-${label}-${process.pid}-${Date.now()}`),
    persistent: false,
  });
  await ensureDatabase(server.url("postgres"), name);
  const url = server.url(name);
  const { appUrl } = await provision(url, role);
  return { url, appUrl, serverUrl: server.url("postgres"), dispose: () => server.stop() };
}
