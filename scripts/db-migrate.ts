// npm run db:migrate: applies pending migrations (what `npm start` does before serving), to
// DATABASE_URL (as DATABASE_OWNER_URL when set) or to the embedded PostgreSQL in .data/, then
// grants the app's role what it needs. Prints what it applied.
import { provision } from "../lib/db/provision.ts";
import { log, prepareDatabase } from "./lib/runtime.ts";

const database = await prepareDatabase();
try {
  const result = await provision(database.url, database.app, { log });
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
