// Plain-pg pools, for the reads Prisma's per-query work would slow down: streaming reads of the
// audit trail (COPY in seq order, for verify and export) and the hot-path reads of routing and
// approvals (named prepared statements, lib/db/reader.ts). Separate pools, so a long export
// never holds the connections a routing decision waits for.
import pg from "pg";
import { databaseUrl } from "@/lib/env";

const TIMESTAMP = 1114; // timestamp without time zone: the portal stores UTC, as Prisma reads it
const INT8 = 20;

type PoolName = "stream" | "reads";

const globalForPg = globalThis as unknown as {
  countersignPools?: Partial<Record<PoolName, pg.Pool>>;
};

function createPool(max: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl(),
    max,
    options: "-c jit=off",
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") => {
        if (oid === TIMESTAMP) return (v: string) => new Date(`${v.replace(" ", "T")}Z`);
        if (oid === INT8) return (v: string) => BigInt(v);
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server closes (a restart, a test database dropped) must not crash
  // the process; the next query opens a new one.
  pool.on("error", () => {});
  return pool;
}

function named(name: PoolName, max: () => number): pg.Pool {
  const pools = (globalForPg.countersignPools ??= {});
  return (pools[name] ??= createPool(max()));
}

/** For streaming reads of the audit trail. */
export function pgPool(): pg.Pool {
  return named("stream", () => 4);
}

/** For the hot-path reads of lib/db/reader.ts. */
export function readsPool(): pg.Pool {
  return named("reads", () => Number(process.env.DATABASE_POOL_SIZE ?? 10));
}

export async function closePgPools(): Promise<void> {
  const pools = Object.values(globalForPg.countersignPools ?? {});
  globalForPg.countersignPools = undefined;
  await Promise.all(pools.map((pool) => pool.end()));
}
