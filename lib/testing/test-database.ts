// A freshly migrated database for one test run: on DATABASE_URL_TEST's server when set (a new
// database, dropped afterwards), otherwise on an embedded PostgreSQL started for the run.
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ensureDatabase, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

export interface TestDatabase {
  url: string;
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
  const external = process.env.DATABASE_URL_TEST;
  if (external) {
    const serverUrl = withDatabase(external, "postgres");
    await ensureDatabase(serverUrl, name);
    const url = withDatabase(external, name);
    await migrate(url);
    return {
      url,
      serverUrl,
      dispose: async () => {
        const client = new pg.Client({ connectionString: serverUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
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
  await migrate(url);
  return { url, serverUrl: server.url("postgres"), dispose: () => server.stop() };
}
