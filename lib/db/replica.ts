// Reads that may be slightly stale (the dashboard's figures) go to read replicas when
// DATABASE_REPLICA_URL names them, through Prisma's read-replicas extension
// (docs/decisions/0017-partitions-and-replicas.md). A replica is read only while it is at most
// REPLICA_MAX_LAG_SECONDS behind the primary, measured by WAL position, not by clocks: each check
// notes the primary's WAL position and time, and a replica is as fresh as the latest noted
// position it has replayed. Beyond the bound, or when a replica cannot be asked, reads go to the
// primary. Whatever is read from a replica says how old it is (`asOf`).
import { AsyncLocalStorage } from "node:async_hooks";
import { readReplicas } from "@prisma/extension-read-replicas";
import { createDb, db, type Db } from "@/lib/db";
import { env } from "@/lib/env";

/** Where a read goes, and how fresh that is. */
export interface ReadSource {
  client: Db;
  replica: boolean;
  /** For a replica: everything committed on the primary before this moment is in it. */
  asOf: Date | null;
}

const PRIMARY: ReadSource = { client: db, replica: false, asOf: null };
const CHECK_EVERY_MS = 1000;
/** A replica that takes longer than this to say where it is, or to connect, is not read. */
const CHECK_TIMEOUT_MS = 500;
const CONNECT_TIMEOUT_MS = 2000;
const KEEP_SAMPLES_MS = 15 * 60_000;

/** "16/B374D848" as a number of bytes. */
export function lsnValue(lsn: string): bigint {
  const [high, low] = lsn.split("/");
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/**
 * How fresh the slowest replica is: the time of the latest primary sample whose WAL position
 * every replica has replayed, or null when one of them has not replayed any noted position.
 */
export function freshAsOf(
  samples: { at: number; lsn: bigint }[],
  replayed: (bigint | null)[],
): number | null {
  let asOf: number | null = null;
  for (const sample of samples) {
    if (replayed.every((lsn) => lsn !== null && lsn >= sample.lsn)) asOf = sample.at;
  }
  return asOf;
}

interface Replicas {
  clients: Db[];
  /** The primary client extended with the replicas: `$replica()` reads from one of them. */
  extended: { $replica: () => Db };
  samples: { at: number; lsn: bigint }[];
  checked: number;
  asOf: number | null;
  pending: Promise<void> | null;
}

const globalForReplicas = globalThis as unknown as { countersignReplicas?: Replicas | null };

function replicas(): Replicas | null {
  if (globalForReplicas.countersignReplicas !== undefined)
    return globalForReplicas.countersignReplicas;
  const urls = env().DATABASE_REPLICA_URL;
  const size = Number(process.env.DATABASE_POOL_SIZE ?? 10);
  const clients = urls.map((url) => createDb(url, size, CONNECT_TIMEOUT_MS));
  globalForReplicas.countersignReplicas = clients.length
    ? {
        clients,
        extended: db.$extends(readReplicas({ replicas: clients })) as unknown as {
          $replica: () => Db;
        },
        samples: [],
        checked: 0,
        asOf: null,
        pending: null,
      }
    : null;
  return globalForReplicas.countersignReplicas;
}

async function check(r: Replicas): Promise<void> {
  const now = Date.now();
  try {
    const [primary] = await db.$queryRaw<
      { lsn: string }[]
    >`SELECT pg_current_wal_lsn()::text AS lsn`;
    r.samples.push({ at: now, lsn: lsnValue(primary!.lsn) });
    while (r.samples.length > 1 && r.samples[0]!.at < now - KEEP_SAMPLES_MS) r.samples.shift();
    const replayed = await Promise.all(
      r.clients.map(async (client) => {
        const [row] = await client.$queryRaw<{ lsn: string | null }[]>`
          SELECT pg_last_wal_replay_lsn()::text AS lsn`;
        return row?.lsn ? lsnValue(row.lsn) : null;
      }),
    );
    r.asOf = freshAsOf(r.samples, replayed);
  } catch {
    // A replica (or the primary) that cannot be asked is not fresh.
    r.asOf = null;
  }
  r.checked = Date.now();
}

/** The check, waited for at most CHECK_TIMEOUT_MS: a slow replica is not read meanwhile. */
async function checkWithin(r: Replicas): Promise<void> {
  r.pending ??= check(r).finally(() => (r.pending = null));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), CHECK_TIMEOUT_MS);
  });
  const outcome = await Promise.race([r.pending, late]);
  clearTimeout(timer);
  if (outcome === "late") r.asOf = null;
}

/** A read from a replica failed: read the primary until the next check says otherwise. */
export function replicaFailed(): void {
  const r = replicas();
  if (!r) return;
  r.asOf = null;
  r.checked = Date.now();
}

/**
 * Where a read that may be slightly stale should go now. `actorId`: the person reading; a
 * replica that has not yet replayed their own latest write is not used for them (they see what
 * they just did), whichever instance took the write.
 */
export async function staleReadSource(actorId: string | null): Promise<ReadSource> {
  const r = replicas();
  if (!r) return PRIMARY;
  if (Date.now() - r.checked >= CHECK_EVERY_MS) await checkWithin(r);
  if (r.asOf === null || Date.now() - r.asOf > env().REPLICA_MAX_LAG_SECONDS * 1000) return PRIMARY;
  const replica = r.extended.$replica();
  if (actorId) {
    const [[own], head] = await Promise.all([
      db.$queryRaw<{ seq: bigint }[]>`
        SELECT seq FROM "AuditEvent" WHERE "actorId" = ${actorId} ORDER BY seq DESC LIMIT 1`,
      replica.$queryRaw<{ seq: bigint }[]>`SELECT seq FROM "AuditEvent" ORDER BY seq DESC LIMIT 1`
        .then(([row]) => row ?? { seq: 0n })
        .catch(() => null),
    ]);
    if (!head) {
      replicaFailed();
      return PRIMARY;
    }
    if (own && head.seq < own.seq) return PRIMARY;
  }
  return { client: replica, replica: true, asOf: new Date(r.asOf) };
}

const current = new AsyncLocalStorage<ReadSource>();

/** Runs `read` with readDb() answering `source`'s client. */
export function readingFrom<T>(source: ReadSource, read: () => Promise<T>): Promise<T> {
  return current.run(source, read);
}

/** The client for reads that may be stale: the source readingFrom() chose, else the primary. */
export function readDb(): Db {
  return current.getStore()?.client ?? db;
}

/** For tests: forget the replicas so the next call reads the environment again. */
export async function resetReplicas(): Promise<void> {
  const r = globalForReplicas.countersignReplicas;
  globalForReplicas.countersignReplicas = undefined;
  await Promise.all((r?.clients ?? []).map((c) => c.$disconnect()));
}
