// npm run db:migration -- <name> [--empty]
// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that takes the existing
// migrations to what prisma/schema.prisma describes (Prisma's own engine, run as WebAssembly).
// --empty writes an empty migration for hand-written SQL (triggers, data fixes).
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../lib/db/embedded.ts";
import { MIGRATIONS_DIR, diffMigrationsToSchema, isEmptyMigration } from "./lib/schema-engine.ts";

function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}

async function main() {
  const args = process.argv.slice(2);
  const empty = args.includes("--empty");
  const name = args.find((arg) => !arg.startsWith("--"));
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error(
      "usage: npm run db:migration -- <name> [--empty]   (name: lowercase letters, digits, _)",
    );
    process.exit(2);
  }
  let sql = "";
  if (!empty) {
    // The engine builds the migrations in a throw-away shadow database on this server.
    const server = process.env.DATABASE_URL
      ? null
      : await startEmbeddedPostgres({
          dataDir: path.join(os.tmpdir(), `countersign-migration-${process.pid}`),
          persistent: false,
        });
    try {
      sql = await diffMigrationsToSchema(process.env.DATABASE_URL ?? server!.url("postgres"));
    } finally {
      await server?.stop();
    }
    if (isEmptyMigration(sql)) {
      console.log("schema.prisma and prisma/migrations agree: no migration written.");
      return;
    }
  }
  const dir = path.join(MIGRATIONS_DIR, `${timestamp()}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, "migration.sql"),
    sql ? `${sql}\n` : "-- Write the migration SQL here.\n",
  );
  console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
}

main().catch((error) => {
  console.error(`db:migration: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
