// Sign-in rate limits against PostgreSQL: per account, per address, per window, and exact under
// concurrency (what several app instances sharing the database amount to).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { clientAddress, countSignInAttempt, signInLimits } from "./sign-in-limits";

const limits = { perAccount: 3, perAddress: 5, windowSeconds: 600 };
const at = new Date("2026-12-05T10:00:30Z");
const fresh = () => `${randomUUID()}@test.example`;

describe("sign-in limits", () => {
  it("refuses the attempt after the account's limit, until the next window", async () => {
    const account = fresh();
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await countSignInAttempt({ account }, limits, at));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false]);
    expect(verdicts[3]).toMatchObject({ refusedBy: "account", retryAfterSeconds: 570 });
    // Spelled with other case or spaces, it is the same account.
    expect(
      (await countSignInAttempt({ account: ` ${account.toUpperCase()}` }, limits, at)).allowed,
    ).toBe(false);
    // Another account is not affected; the next window starts afresh.
    expect((await countSignInAttempt({ account: fresh() }, limits, at)).allowed).toBe(true);
    const later = new Date(at.getTime() + 600_000);
    expect((await countSignInAttempt({ account }, limits, later)).allowed).toBe(true);
  });

  it("refuses an address trying many accounts", async () => {
    const address = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const allowed = [];
    for (let i = 0; i < 7; i++)
      allowed.push((await countSignInAttempt({ account: fresh(), address }, limits, at)).allowed);
    expect(allowed).toEqual([true, true, true, true, true, false, false]);
    const refused = await countSignInAttempt({ account: fresh(), address }, limits, at);
    expect(refused.refusedBy).toBe("address");
  });

  it("is exact when attempts arrive at once", async () => {
    const account = fresh();
    const verdicts = await Promise.all(
      Array.from({ length: 12 }, () => countSignInAttempt({ account }, limits, at)),
    );
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(3);
    const row = await db.rateCounter.findFirstOrThrow({
      where: { bucket: `account:${account}` },
    });
    expect(row.count).toBe(12);
  });

  it("drops an account's expired windows when it is counted again", async () => {
    const account = fresh();
    await countSignInAttempt({ account }, limits, at);
    await countSignInAttempt({ account }, limits, new Date(at.getTime() + 3 * 600_000));
    expect(await db.rateCounter.count({ where: { bucket: `account:${account}` } })).toBe(1);
  });

  it("reads limits from the environment, with defaults", () => {
    expect(signInLimits({})).toEqual({ perAccount: 10, perAddress: 60, windowSeconds: 600 });
    expect(
      signInLimits({ SIGN_IN_LIMIT_PER_ACCOUNT: "3", SIGN_IN_LIMIT_PER_ADDRESS: "x" }),
    ).toEqual({
      perAccount: 3,
      perAddress: 60,
      windowSeconds: 600,
    });
  });

  it.each<[string | undefined, string | null]>([
    ["203.0.113.9", "203.0.113.9"],
    ["198.51.100.1, 203.0.113.9", "203.0.113.9"],
    ["", null],
    [undefined, null],
  ])("clientAddress(%j) = %j", (header, expected) => {
    const headers = new Headers(header === undefined ? {} : { "x-forwarded-for": header });
    expect(clientAddress(headers)).toBe(expected);
  });
});
