// Sign-in attempts, rate-limited per account and per client address in fixed windows kept in
// PostgreSQL, so the limit holds across several app instances (docs/decisions/0011-sign-in-limits.md).
// The counters are operational state, not facts about changes: they are not audited.
import { db } from "@/lib/db";

export interface SignInLimits {
  perAccount: number;
  perAddress: number;
  windowSeconds: number;
}

const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/** SIGN_IN_LIMIT_PER_ACCOUNT (10), SIGN_IN_LIMIT_PER_ADDRESS (60) per SIGN_IN_WINDOW_SECONDS (600). */
export function signInLimits(env: Record<string, string | undefined> = process.env): SignInLimits {
  return {
    perAccount: positive(env.SIGN_IN_LIMIT_PER_ACCOUNT, 10),
    perAddress: positive(env.SIGN_IN_LIMIT_PER_ADDRESS, 60),
    windowSeconds: positive(env.SIGN_IN_WINDOW_SECONDS, 600),
  };
}

export interface AttemptVerdict {
  allowed: boolean;
  /** Seconds until the current window ends (when refused). */
  retryAfterSeconds: number;
  /** Which limit refused it. */
  refusedBy: "account" | "address" | null;
}

/**
 * Counts one sign-in attempt against the account and/or the address and says whether it may go on.
 * One statement per call: concurrent attempts on several instances each see their own count.
 */
export async function countSignInAttempt(
  who: { account?: string | null; address?: string | null },
  limits: SignInLimits = signInLimits(),
  now: Date = new Date(),
): Promise<AttemptVerdict> {
  const windowMs = limits.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const buckets: Array<{ bucket: string; kind: "account" | "address"; limit: number }> = [];
  if (who.account)
    buckets.push({
      bucket: `account:${who.account.trim().toLowerCase().slice(0, 320)}`,
      kind: "account",
      limit: limits.perAccount,
    });
  if (who.address)
    buckets.push({
      bucket: `address:${who.address.slice(0, 64)}`,
      kind: "address",
      limit: limits.perAddress,
    });
  const retryAfterSeconds = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
  if (!buckets.length) return { allowed: true, retryAfterSeconds, refusedBy: null };

  const names = buckets.map((b) => b.bucket);
  const rows = await db.$queryRaw<Array<{ bucket: string; count: number }>>`
    WITH expired AS (
      DELETE FROM "SignInAttempt" WHERE bucket = ANY(${names}) AND "windowStart" < ${windowStart}
    )
    INSERT INTO "SignInAttempt" (bucket, "windowStart", count)
    SELECT unnest(${names}::text[]), ${windowStart}, 1
    ON CONFLICT (bucket, "windowStart") DO UPDATE SET count = "SignInAttempt".count + 1
    RETURNING bucket, count`;
  const over = buckets.find((b) => (rows.find((r) => r.bucket === b.bucket)?.count ?? 0) > b.limit);
  return { allowed: !over, retryAfterSeconds, refusedBy: over?.kind ?? null };
}

/**
 * The client's address: the last X-Forwarded-For entry, which Next.js sets from the socket, or a
 * reverse proxy in front of it appends. Without such a proxy a client can choose it; the
 * per-account limit does not depend on it (SECURITY.md).
 */
export function clientAddress(headers: Headers | Record<string, unknown>): string | null {
  const raw =
    headers instanceof Headers
      ? headers.get("x-forwarded-for")
      : (headers["x-forwarded-for"] as string | string[] | undefined);
  const value = Array.isArray(raw) ? raw.join(",") : raw;
  const last = value?.split(",").pop()?.trim();
  return last ? last : null;
}
