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

/** Counts one hit on each bucket and says whether every bucket is still within its limit. */
export async function countHits<K extends string>(
  buckets: readonly Bucket<K>[],
  windowSeconds: number,
  now: Date = new Date(),
): Promise<RateVerdict<K>> {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const retryAfterSeconds = Math.max(
    1,
    Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000),
  );
  if (!buckets.length) return { allowed: true, retryAfterSeconds, refusedBy: null };
  const names = buckets.map((b) => b.bucket);
  const rows = await db.$queryRaw<Array<{ bucket: string; count: number }>>`
    WITH expired AS (
      DELETE FROM "RateCounter" WHERE bucket = ANY(${names}) AND "windowStart" < ${windowStart}
    )
    INSERT INTO "RateCounter" (bucket, "windowStart", count)
    SELECT unnest(${names}::text[]), ${windowStart}, 1
    ON CONFLICT (bucket, "windowStart") DO UPDATE SET count = "RateCounter".count + 1
    RETURNING bucket, count`;
  const over = buckets.find((b) => (rows.find((r) => r.bucket === b.bucket)?.count ?? 0) > b.limit);
  return { allowed: !over, retryAfterSeconds, refusedBy: over?.kind ?? null };
}

export const positiveSetting = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};
