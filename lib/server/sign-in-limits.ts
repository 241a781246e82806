// Sign-in attempts, rate-limited per account and per client address in fixed windows kept in
// PostgreSQL, so the limit holds across several app instances (docs/decisions/0011-sign-in-limits.md).
// The counters are operational state, not facts about changes: they are not audited.
import { countHits, positiveSetting, type Bucket, type RateVerdict } from "./rate-limit";

export interface SignInLimits {
  perAccount: number;
  perAddress: number;
  windowSeconds: number;
}

/** SIGN_IN_LIMIT_PER_ACCOUNT (10), SIGN_IN_LIMIT_PER_ADDRESS (60) per SIGN_IN_WINDOW_SECONDS (600). */
export function signInLimits(env: Record<string, string | undefined> = process.env): SignInLimits {
  return {
    perAccount: positiveSetting(env.SIGN_IN_LIMIT_PER_ACCOUNT, 10),
    perAddress: positiveSetting(env.SIGN_IN_LIMIT_PER_ADDRESS, 60),
    windowSeconds: positiveSetting(env.SIGN_IN_WINDOW_SECONDS, 600),
  };
}

export type AttemptVerdict = RateVerdict<"account" | "address">;

/**
 * Counts one sign-in attempt against the account and/or the address and says whether it may go on.
 * One statement per call: concurrent attempts on several instances each see their own count.
 */
export async function countSignInAttempt(
  who: { account?: string | null; address?: string | null },
  limits: SignInLimits = signInLimits(),
  now: Date = new Date(),
): Promise<AttemptVerdict> {
  const buckets: Bucket<"account" | "address">[] = [];
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
  return countHits(buckets, limits.windowSeconds, now);
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
