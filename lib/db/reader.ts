// Reads on a hot path: the routing decision, which the submit page's live preview makes as the
// author types. Outside a transaction they go through plain pg with prepared (named)
// statements: Prisma's own work per query costs more than the query here (the owners of five
// systems: 5.3 ms p50 / 9.0 ms p95 through Prisma, 3.0 / 4.5 ms through pg, same SQL). Inside a
// transaction they must see its writes, so they go through the transaction's client.
import { createHash } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db as sharedDb, type Db, type Tx } from "@/lib/db";
import { readsPool } from "@/lib/db/pg";

export interface Reader {
  /** Rows of `text` with positional parameters; `name` identifies the prepared statement. */
  query<R>(name: string, text: string, values: unknown[]): Promise<R[]>;
}

const poolReader: Reader = {
  async query<R>(name: string, text: string, values: unknown[]) {
    return (await readsPool().query({ name, text, values })).rows as R[];
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

/**
 * A statement built with Prisma.sql (its filters vary) as a named prepared statement, named by
 * its text: each connection parses and plans each shape once, then reuses the plan
 * (docs/decisions/0016-scale.md). Results are typed as $queryRaw's are (UTC dates, BigInt).
 */
export function readSql<R>(sql: Prisma.Sql): Promise<R[]> {
  const name = `s-${createHash("sha1").update(sql.text).digest("hex").slice(0, 20)}`;
  return poolReader.query<R>(name, sql.text, sql.values);
}

/** A Prisma.sql statement on `client`: prepared, through pg, outside a transaction (readSql). */
export function queryOn<R>(client: Db | Tx, sql: Prisma.Sql): Promise<R[]> {
  if (client === sharedDb) return readSql<R>(sql);
  return (client as Tx).$queryRaw<R[]>(sql);
}
