// Idempotency-Key for the API's creating writes (POST /changes, POST /changes/{key}/revisions), as
// Stripe and GitHub clients expect: a retried request with the same key and the same body answers
// what the first one answered, without doing it twice; the same key with another body is a 409.
// Keys are per person and operation and kept 24 hours. The row is claimed before the work runs,
// so two concurrent retries cannot both do it (the second gets a 409 until the first is done).
// Operational state, like the rate counters: the work itself is audited, the key is not.
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { db } from "@/lib/db";
import type { PersonActor } from "@/lib/domain/actor";
import { AppError, validationError } from "@/lib/errors";

const KEPT_HOURS = 24;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface Answer {
  status: number;
  body: unknown;
}

/** The key from the request's header: null without one, 400 when it is not 1-255 visible ASCII. */
export function idempotencyKeyOf(headers: Headers): string | null {
  const key = headers.get("idempotency-key");
  if (key === null) return null;
  if (!KEY_PATTERN.test(key))
    throw validationError([
      { field: "Idempotency-Key", message: "must be 1 to 255 visible ASCII characters" },
    ]);
  return key;
}

export async function idempotent(
  actor: PersonActor,
  key: string | null,
  operation: string,
  request: unknown,
  work: () => Promise<Answer>,
): Promise<Answer & { replayed: boolean }> {
  if (key === null) return { ...(await work()), replayed: false };
  const requestHash = createHash("sha256")
    .update(canonicalize(request ?? null) ?? "null")
    .digest("hex");
  const expired = new Date(Date.now() - KEPT_HOURS * 3600_000);
  const claimed = await db.$queryRaw<{ key: string }[]>`
    WITH expired AS (
      DELETE FROM "IdempotencyKey"
      WHERE "ownerId" = ${actor.id} AND operation = ${operation} AND key = ${key} AND "createdAt" < ${expired}
    )
    INSERT INTO "IdempotencyKey" ("ownerId", operation, key, "requestHash")
    VALUES (${actor.id}, ${operation}, ${key}, ${requestHash})
    ON CONFLICT DO NOTHING RETURNING key`;
  if (claimed.length === 0) {
    const [row] = await db.$queryRaw<
      { requestHash: string; status: number | null; response: unknown; createdAt: Date }[]
    >`SELECT "requestHash", status, response, "createdAt" FROM "IdempotencyKey"
      WHERE "ownerId" = ${actor.id} AND operation = ${operation} AND key = ${key}`;
    if (!row) return idempotent(actor, key, operation, request, work); // expired meanwhile
    if (row.requestHash !== requestHash)
      throw new AppError(
        "CONFLICT",
        "This Idempotency-Key was already used with a different request. Use a new key for a new request.",
        [{ field: "Idempotency-Key", message: "was used with a different body" }],
      );
    if (row.status === null)
      throw new AppError(
        "CONFLICT",
        "A request with this Idempotency-Key is still being processed. Retry in a moment.",
        [{ field: "Idempotency-Key", message: "is in use by a request still running" }],
      );
    return { status: row.status, body: row.response, replayed: true };
  }
  try {
    const answer = await work();
    await db.$queryRaw`
      UPDATE "IdempotencyKey" SET status = ${answer.status}, response = ${JSON.stringify(answer.body)}::jsonb
      WHERE "ownerId" = ${actor.id} AND operation = ${operation} AND key = ${key} RETURNING key`;
    return { ...answer, replayed: false };
  } catch (error) {
    // Nothing was done: the key is free for a corrected retry.
    await db.$queryRaw`
      DELETE FROM "IdempotencyKey"
      WHERE "ownerId" = ${actor.id} AND operation = ${operation} AND key = ${key} RETURNING key`;
    throw error;
  }
}
