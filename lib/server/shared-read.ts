// Reads shared while nothing has been written (docs/decisions/0016-scale.md): every write that can
// change what the portal shows is audited in its own transaction, so while the audit trail's head
// (less sign-ins, page views and the like) is where it was, a read made for the same key is still
// exact, and is shared (for at most SHARED_READ_SECONDS, 30, as ranges ending "now" move on).
// Requests that arrive while it is being read wait for that one read instead of starting their
// own. A person who has just changed something sees it on the next load. Per instance and in
// memory: losing it loses nothing.
import { db, type Db } from "@/lib/db";
import { readerFor } from "@/lib/db/reader";
import { ACTIONS_CHANGING_NOTHING_SHARED } from "@/lib/domain/audit/events";
import { positiveSetting } from "@/lib/server/rate-limit";

const MAX_ENTRIES = 500;
const entries = new Map<string, { at: number; head: string; value: Promise<unknown> }>();
const ttlMs = () => positiveSetting(process.env.SHARED_READ_SECONDS, 30) * 1000;

/**
 * The sequence number of the last committed audit event that may change a shared read. Only
 * committed events are visible, so a read made after reading it includes every write it counts.
 */
async function auditHead(client: Db): Promise<string> {
  const text = `SELECT seq FROM "AuditEvent" WHERE action <> ALL($1::text[]) ORDER BY seq DESC LIMIT 1`;
  const [row] =
    client === db
      ? await readerFor(db).query<{ seq: string }>("shared-read-audit-head", text, [
          ACTIONS_CHANGING_NOTHING_SHARED,
        ])
      : await client.$queryRawUnsafe<{ seq: bigint }[]>(text, ACTIONS_CHANGING_NOTHING_SHARED);
  return String(row?.seq ?? "0");
}

/**
 * `read()`'s answer for `key`, shared while the audit head stays where it was. `client`: the
 * database `read` reads (a replica's head moves when it replays, not when the primary commits).
 */
export async function sharedRead<T>(
  key: string,
  read: () => Promise<T>,
  client: Db = db,
): Promise<T> {
  const head = await auditHead(client);
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && hit.head === head && now - hit.at < ttlMs()) return hit.value as Promise<T>;
  const value = read();
  entries.delete(key);
  entries.set(key, { at: now, head, value });
  value.catch(() => entries.delete(key));
  // The oldest entries go first (a Map iterates in insertion order).
  for (const old of entries.keys()) {
    if (entries.size <= MAX_ENTRIES) break;
    entries.delete(old);
  }
  return value;
}

/** URL parameters as a key: empty values dropped, names sorted (the same filters, the same key). */
export function paramsKey(params: Record<string, string | undefined>): string {
  return JSON.stringify(
    Object.entries(params)
      .filter(([, v]) => v !== undefined && v !== "")
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}
