// Fixed-window rate counters kept in PostgreSQL (RateCounter), so that a limit holds across several
// app instances: sign-in attempts (docs/decisions/0011-sign-in-limits.md) and API requests per
// token and per person (docs/decisions/0012-api-tokens.md). One statement per call, exact under
// concurrency. The counters are operational state, not facts about changes: they are not audited.
import { db } from "@/lib/db";

export interface Bucket<K extends string = string> {
  bucket: string;
  kind: K;
  limit: number;
}

export interface RateVerdict<K extends string = string> {
  allowed: boolean;
  /** Seconds until the current window ends. */
  retryAfterSeconds: number;
  /** Which bucket refused it, or null. */
  refusedBy: K | null;
}

function windowOf(windowSeconds: number, now: Date) {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const retryAfterSeconds = Math.max(
    1,
    Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000),
  );
  return { windowStart, retryAfterSeconds };
}

/** Adds `hits[i]` to each bucket's counter in this window; returns the counts after. */
async function addHits(names: string[], hits: number[], windowStart: Date) {
  return db.$queryRaw<Array<{ bucket: string; count: number }>>`
    WITH expired AS (
      DELETE FROM "RateCounter" WHERE bucket = ANY(${names}) AND "windowStart" < ${windowStart}
    )
    INSERT INTO "RateCounter" (bucket, "windowStart", count)
    SELECT x.bucket, ${windowStart}, x.hits FROM unnest(${names}::text[], ${hits}::int[]) AS x(bucket, hits)
    ON CONFLICT (bucket, "windowStart") DO UPDATE SET count = "RateCounter".count + excluded.count
    RETURNING bucket, count`;
}

/** Counts one hit on each bucket and says whether every bucket is still within its limit. */
export async function countHits<K extends string>(
  buckets: readonly Bucket<K>[],
  windowSeconds: number,
  now: Date = new Date(),
): Promise<RateVerdict<K>> {
  const { windowStart, retryAfterSeconds } = windowOf(windowSeconds, now);
  if (!buckets.length) return { allowed: true, retryAfterSeconds, refusedBy: null };
  const rows = await addHits(
    buckets.map((b) => b.bucket),
    buckets.map(() => 1),
    windowStart,
  );
  const over = buckets.find((b) => (rows.find((r) => r.bucket === b.bucket)?.count ?? 0) > b.limit);
  return { allowed: !over, retryAfterSeconds, refusedBy: over?.kind ?? null };
}

// ---- batched counting, for limits checked on every request ------------------------------------

interface Tally {
  windowStart: number;
  /** The shared count (every instance's hits) as of this instance's last flush. */
  known: number;
  /** This instance's hits since then. */
  pending: number;
}
const tallies = new Map<string, Tally>();
/** Flushes run one after another: each takes the hits pending when it starts. */
let flushes: Promise<void> = Promise.resolve();
let timer: NodeJS.Timeout | null = null;
/** How often an instance adds its hits to the shared counters (RATE_FLUSH_MS, default 250). */
const flushMs = () => positiveSetting(process.env.RATE_FLUSH_MS, 250);

/**
 * Counts one hit on each bucket without a database round trip on the request's path: this
 * instance's hits are added to the shared counters every RATE_FLUSH_MS (one statement for all
 * buckets), and a hit is judged against the shared count as of the last flush plus this
 * instance's own hits since. One instance enforces the limit exactly; N instances may together
 * admit what the others counted in the last flush interval (docs/decisions/0016-scale.md).
 */
export function countHitsBatched<K extends string>(
  buckets: readonly Bucket<K>[],
  windowSeconds: number,
  now: Date = new Date(),
): RateVerdict<K> {
  const { windowStart, retryAfterSeconds } = windowOf(windowSeconds, now);
  let over: Bucket<K> | undefined;
  for (const b of buckets) {
    let tally = tallies.get(b.bucket);
    if (!tally || tally.windowStart < windowStart.getTime()) {
      tally = { windowStart: windowStart.getTime(), known: 0, pending: 0 };
      tallies.set(b.bucket, tally);
    } else if (tally.windowStart > windowStart.getTime()) continue; // a clock far behind: not counted
    tally.pending++;
    if (!over && tally.known + tally.pending > b.limit) over = b;
  }
  timer ??= setTimeout(() => void flushRateCounts(), flushMs()).unref();
  return { allowed: !over, retryAfterSeconds, refusedBy: over?.kind ?? null };
}

/** Adds this instance's pending hits to the shared counters now (also at shutdown and in tests). */
export function flushRateCounts(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const run = flushes.then(flushPending);
  flushes = run.catch(() => {});
  return run;
}

async function flushPending(): Promise<void> {
  const due = [...tallies].filter(([, t]) => t.pending > 0);
  if (!due.length) return;
  const byWindow = new Map<number, [string, Tally, number][]>();
  for (const [bucket, tally] of due)
    byWindow.set(tally.windowStart, [
      ...(byWindow.get(tally.windowStart) ?? []),
      [bucket, tally, tally.pending],
    ]);
  for (const [windowStart, entries] of byWindow) {
    try {
      const rows = await addHits(
        entries.map(([bucket]) => bucket),
        entries.map(([, , hits]) => hits),
        new Date(windowStart),
      );
      for (const [bucket, tally, hits] of entries) {
        tally.pending -= hits;
        tally.known = rows.find((r) => r.bucket === bucket)?.count ?? tally.known + hits;
      }
    } catch {
      // The database is away: the hits stay pending and go with the next flush.
    }
  }
  // One tally per person and token is small; past that, flushed tallies of past windows go.
  if (tallies.size > 50_000) {
    const hourAgo = Date.now() - 3_600_000;
    for (const [bucket, tally] of tallies)
      if (tally.pending === 0 && tally.windowStart < hourAgo) tallies.delete(bucket);
  }
  if ([...tallies.values()].some((t) => t.pending > 0))
    timer ??= setTimeout(() => void flushRateCounts(), flushMs()).unref();
}

export const positiveSetting = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};
