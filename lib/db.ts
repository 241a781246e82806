// The Prisma client, one per process (kept on globalThis so dev reloads reuse it).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl } from "@/lib/env";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { countersignDb?: PrismaClient };

export function createDb(
  connectionString: string,
  max = 10,
  /** How long to wait for a connection (default: as long as it takes). */
  connectionTimeoutMillis?: number,
): PrismaClient {
  // JIT compilation costs more than it saves on this application's queries (the dashboard's
  // aggregates paid 100+ ms each for it), so it is off for the portal's connections. The exact
  // percentiles of the dashboard sort ~100,000 values at a time: with PostgreSQL's default 4 MB
  // of work memory they spill to disk (+50%), so each connection may use 32 MB for a sort.
  return new PrismaClient({
    adapter: new PrismaPg({
      connectionString,
      max,
      options: "-c jit=off -c work_mem=32MB",
      connectionTimeoutMillis,
    }),
  });
}

function getDb(): PrismaClient {
  globalForDb.countersignDb ??= createDb(
    databaseUrl(),
    Number(process.env.DATABASE_POOL_SIZE ?? 10),
  );
  return globalForDb.countersignDb;
}

/** Lazily connected, so importing this module never needs a database. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getDb();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
