// npm run db:migrate: applies pending migrations (what `npm start` does before serving), to
// DATABASE_URL or to the embedded PostgreSQL in .data/. Prints what it applied.
import { migrate } from "../lib/db/migrate.ts";
import { log, prepareDatabase } from "./lib/runtime.ts";

const database = await prepareDatabase();
try {
  const result = await migrate(database.url, { log });
  log(
    result.applied.length
      ? `applied ${result.applied.length} of ${result.total} migrations: ${result.applied.join(", ")}`
      : `all ${result.total} migrations were already applied`,
  );
} catch (error) {
  console.error(`db:migrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await database.stop();
}
