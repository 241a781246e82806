// Reads on a hot path: the routing decision, which the submit page's live preview makes as the
// author types. Outside a transaction they go through plain pg with prepared (named)
// statements: Prisma's own work per query costs more than the query here (the owners of five
// systems: 5.3 ms p50 / 9.0 ms p95 through Prisma, 3.0 / 4.5 ms through pg, same SQL). Inside a
// transaction they must see its writes, so they go through the transaction's client.
import pg from "pg";
import { db as sharedDb, type Db, type Tx } from "@/lib/db";
import { databaseUrl } from "@/lib/env";

export interface Reader {
  /** Rows of `text` with positional parameters; `name` identifies the prepared statement. */
  query<R>(name: string, text: string, values: unknown[]): Promise<R[]>;
}

const TIMESTAMP = 1114; // timestamp without time zone: the portal stores UTC, as Prisma reads it
const INT8 = 20;

const globalForReader = globalThis as unknown as { countersignReader?: pg.Pool };

function pool(): pg.Pool {
  if (!globalForReader.countersignReader) {
    const created = new pg.Pool({
      connectionString: databaseUrl(),
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
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
    created.on("error", () => {});
    globalForReader.countersignReader = created;
  }
  return globalForReader.countersignReader;
}

const poolReader: Reader = {
  async query<R>(name: string, text: string, values: unknown[]) {
    return (await pool().query({ name, text, values })).rows as R[];
  },
};

/** The shared client reads through the pool; a transaction (or another client) through itself. */
export function readerFor(client: Db | Tx): Reader {
  if (client === sharedDb) return poolReader;
  return {
    query: <R>(_name: string, text: string, values: unknown[]) =>
      (client as Tx).$queryRawUnsafe<R[]>(text, ...values),
  };
}

export async function closeReader(): Promise<void> {
  await globalForReader.countersignReader?.end();
  globalForReader.countersignReader = undefined;
}

/**
 * Independent reads: at once through the shared client's pool, one after another on a
 * transaction, whose single connection must not be sent a query while it runs another (pg
 * queues it today with a deprecation warning, and pg 9 refuses it).
 */
export async function readAll<T extends readonly unknown[]>(
  client: Db | Tx,
  reads: { [K in keyof T]: () => Promise<T[K]> },
): Promise<T> {
  if (client === sharedDb) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as unknown as T;
}
