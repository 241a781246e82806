// API requests are rate-limited per token and per person, in PostgreSQL (lib/server/rate-limit.ts)
// so that the limit holds across several app instances (docs/decisions/0012-api-tokens.md); counted
// in batches, so no request waits on a counter row (docs/decisions/0016-scale.md). A
// token's requests count against the token and against its owner, so several tokens do not
// multiply a person's allowance.
import type { PersonActor } from "@/lib/domain/actor";
import { AppError } from "@/lib/errors";
import { countHitsBatched, positiveSetting, type Bucket } from "./rate-limit";

export interface ApiLimits {
  perToken: number;
  perPerson: number;
  windowSeconds: number;
}

/** API_RATE_LIMIT_PER_TOKEN (600), API_RATE_LIMIT_PER_PERSON (1200) per API_RATE_WINDOW_SECONDS (60). */
export function apiLimits(env: Record<string, string | undefined> = process.env): ApiLimits {
  return {
    perToken: positiveSetting(env.API_RATE_LIMIT_PER_TOKEN, 600),
    perPerson: positiveSetting(env.API_RATE_LIMIT_PER_PERSON, 1200),
    windowSeconds: positiveSetting(env.API_RATE_WINDOW_SECONDS, 60),
  };
}

/** Counts one API request; a 429 with Retry-After when the token or the person is over the limit. */
export async function countApiRequest(
  actor: PersonActor,
  limits: ApiLimits = apiLimits(),
  now: Date = new Date(),
): Promise<void> {
  const buckets: Bucket<"token" | "person">[] = [
    { bucket: `api:person:${actor.id}`, kind: "person", limit: limits.perPerson },
  ];
  if (actor.kind === "token")
    buckets.push({ bucket: `api:token:${actor.token.id}`, kind: "token", limit: limits.perToken });
  const verdict = countHitsBatched(buckets, limits.windowSeconds, now);
  if (!verdict.allowed) {
    const limit = verdict.refusedBy === "token" ? limits.perToken : limits.perPerson;
    throw new AppError(
      "TOO_MANY_REQUESTS",
      `Too many requests: at most ${limit} per ${limits.windowSeconds} seconds per ${verdict.refusedBy}. Try again in ${verdict.retryAfterSeconds} seconds.`,
      { retryAfterSeconds: verdict.retryAfterSeconds },
    );
  }
}
