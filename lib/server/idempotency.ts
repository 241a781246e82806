// Idempotency-Key for the API's creating writes (POST /changes, POST /changes/{key}/revisions), as
// Stripe and GitHub clients expect: a retried request with the same key and the same body answers
// what the first one answered, without doing it twice; the same key with another body is a 409.
// Keys are per person and operation and kept 24 hours. The key is claimed and its answer kept in
// the work's own transaction, so a crash or a lost connection at any point cannot leave a change
// made without its key (a retry would make it twice) or a key held without its work (a retry would
// wait forever); two concurrent retries cannot both do it (the second waits, then replays).
// Operational state, like the rate counters: the work itself is audited, the key is not.
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { db, type Tx } from "@/lib/db";
import type { PersonActor } from "@/lib/domain/actor";
import { AppError, validationError } from "@/lib/errors";

const KEPT_HOURS = 24;
/** Keys made before this are expired: free for reuse. */
const keptSince = () => new Date(Date.now() - KEPT_HOURS * 3600_000);
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

interface Claim {
  ownerId: string;
  operation: string;
  key: string;
  requestHash: string;
  status: number;
  /** Set by the first transaction that claimed the key (see claimIn). */
  taken: boolean;
}

/** The key the current request holds, for `mutate` to claim in the work's own transaction. */
const claims = new AsyncLocalStorage<Claim>();

/** Another transaction holding the same key committed first: answer what it answered. */
class KeyTaken extends Error {}

/**
 * Called by `mutate` inside its transaction, before the work: claims the current request's key in
 * that transaction, so the key and its answer commit exactly when the work does (a crash or a lost
 * connection leaves either both or neither). A concurrent request with the same key waits on the
 * row's lock here, then finds it taken. Returns the function that stores the answer, or null
 * outside an idempotent request (docs/decisions/0015-operations.md, "Fault tests").
 */
export async function claimIn(tx: Tx): Promise<((result: unknown) => Promise<void>) | null> {
  const claim = claims.getStore();
  if (!claim || claim.taken) return null;
  const expired = keptSince();
  const claimed = await tx.$queryRaw<{ key: string }[]>`
    WITH expired AS (
      DELETE FROM "IdempotencyKey"
      WHERE "ownerId" = ${claim.ownerId} AND operation = ${claim.operation} AND key = ${claim.key}
        AND "createdAt" < ${expired}
    )
    INSERT INTO "IdempotencyKey" ("ownerId", operation, key, "requestHash")
    VALUES (${claim.ownerId}, ${claim.operation}, ${claim.key}, ${claim.requestHash})
    ON CONFLICT DO NOTHING RETURNING key`;
  if (claimed.length === 0) throw new KeyTaken();
  claim.taken = true;
  return async (result) => {
    await tx.$queryRaw`
      UPDATE "IdempotencyKey" SET status = ${claim.status}, response = ${JSON.stringify(result ?? null)}::jsonb
      WHERE "ownerId" = ${claim.ownerId} AND operation = ${claim.operation} AND key = ${claim.key}
      RETURNING key`;
  };
}

/** The answer kept for this key: replayed, a 409 for another body, or null when there is none. */
async function kept(claim: Claim): Promise<(Answer & { replayed: true }) | null> {
  const [row] = await db.$queryRaw<
    { requestHash: string; status: number | null; response: unknown }[]
  >`
    SELECT "requestHash", status, response FROM "IdempotencyKey"
    WHERE "ownerId" = ${claim.ownerId} AND operation = ${claim.operation} AND key = ${claim.key}
      AND "createdAt" >= ${keptSince()}`;
  if (!row) return null;
  if (row.requestHash !== claim.requestHash)
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

/**
 * Runs `work` once per key: a retry with the same key and body answers `status` and the first
 * result. The key is claimed in the work's own transaction (claimIn, called by `mutate`), and the
 * answer kept there is what that `mutate` returns: `work` returns it unchanged. Work that writes
 * nothing through `mutate` has its answer kept after it returns.
 */
export async function idempotent(
  actor: PersonActor,
  key: string | null,
  operation: string,
  request: unknown,
  work: () => Promise<unknown>,
  status = 201,
): Promise<Answer & { replayed: boolean }> {
  if (key === null) return { status, body: await work(), replayed: false };
  const claim: Claim = {
    ownerId: actor.id,
    operation,
    key,
    requestHash: createHash("sha256")
      .update(canonicalize(request ?? null) ?? "null")
      .digest("hex"),
    status,
    taken: false,
  };
  const before = await kept(claim);
  if (before) return before;
  let body: unknown;
  try {
    body = await claims.run(claim, work);
  } catch (error) {
    if (!(error instanceof KeyTaken)) throw error; // rolled back with the work: the key is free
    const winner = await kept(claim);
    if (winner) return winner;
    throw error;
  }
  if (!claim.taken) {
    const stored = await db.$queryRaw<{ key: string }[]>`
      INSERT INTO "IdempotencyKey" ("ownerId", operation, key, "requestHash", status, response)
      VALUES (${claim.ownerId}, ${operation}, ${key}, ${claim.requestHash}, ${status},
              ${JSON.stringify(body ?? null)}::jsonb)
      ON CONFLICT DO NOTHING RETURNING key`;
    if (stored.length === 0) return (await kept(claim)) ?? { status, body, replayed: false };
  }
  return { status, body, replayed: false };
}
