// The scale seed's data for any benchmark (README "Benchmarks"): the database DATABASE_URL names,
// seeded at `factor` unless it already is (seed once with `npm run -s cli -- seed --scale 1`, then
// every benchmark reuses it), or a fresh database seeded for the run and dropped after it.
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "../../lib/testing/test-database.ts";

export interface ScaleData {
  /** The owner's URL (migrations, the seed, benchmark set-up). */
  url: string;
  /** What a server under test connects with (the owner when the database was given). */
  appUrl: string;
  /** e.g. "15.8": the server's version, for the printed tables. */
  server: string;
  changes: number;
  events: number;
  dispose: () => Promise<void>;
}

export async function scaleData(
  label: string,
  factor: number,
  say: (line: string) => void,
): Promise<ScaleData> {
  let fresh: TestDatabase | null = null;
  let url = process.env.DATABASE_URL;
  let appUrl = url;
  if (!url) {
    fresh = await createTestDatabase(label);
    url = fresh.url;
    appUrl = fresh.appUrl;
  }
  const { migrate } = await import("../../lib/db/migrate.ts");
  await migrate(url);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const seeded = await pool.query(`SELECT 1 FROM "User" WHERE id = 'sc-user-0'`);
    if (seeded.rowCount === 0) {
      const { seedScale } = await import("../../prisma/seed-scale.ts");
      const started = performance.now();
      let shown = 0;
      const counts = await seedScale(url, {
        factor,
        log: say,
        progress: (done, total) => {
          if (done / total >= shown + 0.25 || (done === total && shown < 1)) {
            shown = done / total;
            say(`seeding: ${done.toLocaleString("en")} of ${total.toLocaleString("en")} changes`);
          }
        },
      });
      say(
        `seeded in ${((performance.now() - started) / 1000).toFixed(0)} s: ` +
          Object.entries(counts)
            .map(([k, v]) => `${v.toLocaleString("en")} ${k}`)
            .join(", "),
      );
    }
    const { rows } = await pool.query<{ v: string; changes: string; events: string | null }>(
      `SELECT current_setting('server_version') AS v,
              (SELECT count(*) FROM "ChangeRequest") AS changes,
              (SELECT max(seq) FROM "AuditEvent") AS events`,
    );
    return {
      url,
      appUrl: appUrl!,
      server: rows[0]!.v,
      changes: Number(rows[0]!.changes),
      events: Number(rows[0]!.events ?? 0),
      dispose: async () => {
        if (fresh && !process.env.BENCH_KEEP) await fresh.dispose();
      },
    };
  } finally {
    await pool.end();
  }
}
