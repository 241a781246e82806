// Batched rate counting (API limits) against PostgreSQL: exact within one instance, the hits
// reach the shared counters, and another instance's hits are seen after a flush.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { countHits, countHitsBatched, flushRateCounts } from "./rate-limit";

const at = new Date("2026-12-06T10:00:10Z");
const bucket = (limit: number) => ({ bucket: `test:${randomUUID()}`, kind: "person", limit });
const stored = async (name: string) =>
  (await db.rateCounter.findFirst({ where: { bucket: name } }))?.count ?? 0;

describe("batched rate counting", () => {
  it("is exact within one instance and needs no database round trip per hit", async () => {
    const b = bucket(3);
    const verdicts = Array.from({ length: 5 }, () => countHitsBatched([b], 60, at).allowed);
    expect(verdicts).toEqual([true, true, true, false, false]);
    expect(await stored(b.bucket)).toBe(0); // not yet flushed
    await flushRateCounts();
    expect(await stored(b.bucket)).toBe(5);
    // A hit after the flush is judged against the shared count.
    expect(countHitsBatched([b], 60, at)).toMatchObject({ allowed: false, retryAfterSeconds: 50 });
  });

  it("two flushes started at once add each pending hit once", async () => {
    const b = bucket(10);
    for (let i = 0; i < 3; i++) countHitsBatched([b], 60, at);
    await Promise.all([flushRateCounts(), flushRateCounts()]);
    expect(await stored(b.bucket)).toBe(3);
  });

  it("sees the hits another instance counted once it has flushed", async () => {
    const b = bucket(5);
    for (let i = 0; i < 4; i++) await countHits([b], 60, at); // another instance, 4 hits
    expect(countHitsBatched([b], 60, at).allowed).toBe(true); // knows only its own hit yet
    await flushRateCounts();
    expect(await stored(b.bucket)).toBe(5);
    expect(countHitsBatched([b], 60, at).allowed).toBe(false); // 5 shared + 1 > 5
  });

  it("starts afresh in the next window", async () => {
    const b = bucket(1);
    expect(countHitsBatched([b], 60, at).allowed).toBe(true);
    expect(countHitsBatched([b], 60, at).allowed).toBe(false);
    expect(countHitsBatched([b], 60, new Date(at.getTime() + 60_000)).allowed).toBe(true);
    await flushRateCounts();
    expect(await stored(b.bucket)).toBe(1); // the old window's row was replaced by the new one's
  });

  it("flushes on its own after RATE_FLUSH_MS", async () => {
    const b = bucket(10);
    countHitsBatched([b], 60, new Date());
    await expect.poll(() => stored(b.bucket), { timeout: 5_000 }).toBe(1);
  });
});
