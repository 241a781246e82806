// Defects of @prisma/adapter-pg 7.10 met when driving Prisma's schema engine through it, mended for
// this development tool only (the portal never loads this file):
//  - PostgreSQL's one-byte `"char"` type (pg_constraint.contype and friends) reaches the engine's
//    catalog queries, but the adapter cannot map it: the query fails, or, read as text, the
//    describer panics expecting a character. So pg reports such a field as text with a marker on
//    its name, and the adapter's result turns a marked column back into a Character column.
//  - executeScript splits a migration on every ";", breaking any function body ($$ ... $$). A
//    script is sent whole instead: PostgreSQL's simple query protocol runs several statements.
//  - its shadow database is dropped while its pool still holds a session (see withReliableShadowDb).
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const MARK = "\u0000char";
const CHARACTER = 6; // ColumnTypeEnum.Character

let patched = false;

export function patchPgCharColumns() {
  if (patched) return;
  patched = true;
  const mark = (result: pg.QueryResult | undefined) => {
    for (const field of result?.fields ?? []) {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        field.name += MARK;
      }
    }
    return result;
  };
  type Query = (...args: unknown[]) => unknown;
  const proto = pg.Client.prototype as unknown as { query: Query };
  const original = proto.query;
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === "function") {
      args[last] = (error: unknown, result: pg.QueryResult) => callback(error, mark(result));
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    return result instanceof Promise ? result.then(mark) : result;
  };
}

interface RawResult {
  columnNames: string[];
  columnTypes: number[];
}

type Queryable = { queryRaw: (query: unknown) => Promise<RawResult> };

function unmark(result: RawResult): RawResult {
  result.columnNames.forEach((name, i) => {
    if (name.endsWith(MARK)) {
      result.columnNames[i] = name.slice(0, -MARK.length);
      result.columnTypes[i] = CHARACTER;
    }
  });
  return result;
}

function wrap<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== "function") return value;
      if (property === "queryRaw") {
        return async (query: unknown) =>
          unmark(await (value as Queryable["queryRaw"]).call(object, query));
      }
      if (property === "executeScript") {
        return async (script: string) => {
          await (object as unknown as { underlyingDriver: () => pg.Pool })
            .underlyingDriver()
            .query(script);
        };
      }
      if (property === "startTransaction") {
        return async (...args: unknown[]) => wrap(await value.apply(object, args));
      }
      return value.bind(object);
    },
  });
}

export function withCharacterColumns(
  factory: SqlMigrationAwareDriverAdapterFactory,
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrap(await factory.connect()),
    connectToShadowDb: async () => wrap(await factory.connectToShadowDb()),
  };
}

/**
 * A shadow database the engine can use and that is always dropped afterwards. (The adapter's own
 * drops the database while its pool still holds a session, so the drop fails and the database
 * stays behind.)
 */
export function withReliableShadowDb(
  factory: SqlMigrationAwareDriverAdapterFactory,
  config: pg.PoolConfig,
  makeFactory: (config: pg.PoolConfig) => SqlMigrationAwareDriverAdapterFactory,
): SqlMigrationAwareDriverAdapterFactory {
  const admin = async (sql: string) => {
    const client = new pg.Client(config);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    connectToShadowDb: async () => {
      const database = `countersign_shadow_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
      await admin(`CREATE DATABASE "${database}"`);
      const adapter = await makeFactory({ ...config, database }).connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      };
      return adapter;
    },
  };
}
