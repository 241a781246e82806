// Prisma's own schema engine, compiled to WebAssembly and driven through the pg adapter, so that
// creating migrations and checking for drift never needs Prisma's downloadable native engine.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList } from "@prisma/schema-engine-wasm";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type pg from "pg";
import { patchPgCharColumns, withCharacterColumns, withReliableShadowDb } from "./adapter-fixes.ts";

export const MIGRATIONS_DIR = path.resolve("prisma/migrations");
export const SCHEMA_PATH = path.resolve("prisma/schema.prisma");
const NO_FILTERS = { externalTables: [], externalEnums: [] };

let wasmReady = false;
let lastPanic: string | null = null;
function initWasm() {
  if (wasmReady) return;
  // Where the engine reports a Rust panic; without it a panic surfaces as an unrelated TypeError.
  (globalThis as unknown as { PRISMA_WASM_PANIC_REGISTRY: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
    set_message: (message: string) => {
      lastPanic = message;
      if (process.env.DEBUG_SCHEMA_ENGINE) console.error("schema engine panic:", message);
    },
  };
  patchPgCharColumns();
  const require = createRequire(import.meta.url);
  const entry = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasmPath = path.join(path.dirname(entry), "schema_engine_bg.wasm");
  const compiled = new WebAssembly.Module(readFileSync(wasmPath));
  const instance = new WebAssembly.Instance(compiled, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as unknown as { __wbindgen_start: () => void }).__wbindgen_start();
  wasmReady = true;
}

export function readSchema(): string {
  return readFileSync(SCHEMA_PATH, "utf8");
}

export function loadMigrationList(dir = MIGRATIONS_DIR): MigrationList {
  const lockPath = path.join(dir, "migration_lock.toml");
  const names = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  return {
    baseDir: dir,
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: {
          tag: "ok" as const,
          value: readFileSync(path.join(dir, name, "migration.sql"), "utf8"),
        },
      },
    })),
  };
}

/**
 * Connection parts, never a URL: with a connectionString in a pool config, pg ignores
 * `database`, and a shadow database would silently be the real one.
 */
function poolConfig(connectionString: string): pg.PoolConfig {
  const url = new URL(connectionString);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username) || undefined,
    password: decodeURIComponent(url.password) || undefined,
    database: decodeURIComponent(url.pathname.slice(1)) || "postgres",
  };
}

/**
 * SQL that takes a database built from the migrations folder to what schema.prisma describes.
 * Empty when they agree. Needs a PostgreSQL server (the shadow database is created on it).
 */
export async function diffMigrationsToSchema(connectionString: string): Promise<string> {
  initWasm();
  const schema = readSchema();
  const config = poolConfig(connectionString);
  const factory = bindMigrationAwareSqlAdapterFactory(
    withCharacterColumns(
      withReliableShadowDb(new PrismaPg(config), config, (c) => new PrismaPg(c)),
    ),
  );
  const engine = await bg.SchemaEngine.new(
    { datamodels: [["schema.prisma", schema]] },
    () => {},
    factory,
  );
  try {
    const result = await engine.diff({
      from: { tag: "migrations", ...loadMigrationList() },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return (result.stdout ?? "").trim();
  } catch (error) {
    throw new Error(lastPanic ? `schema engine panicked: ${lastPanic}` : String(error));
  } finally {
    engine.free();
  }
}

export function isEmptyMigration(sql: string): boolean {
  return sql.replace(/--.*$/gm, "").trim() === "";
}
