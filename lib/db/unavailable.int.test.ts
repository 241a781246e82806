// A PostgreSQL that cannot be reached is "try again later" (503), not a fault (500): checked
// against the real errors of Prisma (with the pg adapter) and of plain pg, on a closed port.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { db } from "@/lib/db";
import { toErrorBody } from "@/lib/errors";
import { isDatabaseUnavailable } from "./unavailable";

const CLOSED = "postgresql://postgres@127.0.0.1:1/nowhere";
const down = createDb(CLOSED, 1);
const pool = new pg.Pool({ connectionString: CLOSED });
afterAll(async () => {
  await down.$disconnect();
  await pool.end();
});

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected the query to fail");
}

describe("database unavailable", () => {
  it.each<[string, () => Promise<unknown>]>([
    ["a Prisma model query", () => down.user.count()],
    ["a Prisma raw query", () => down.$queryRaw`select 1`],
    ["a Prisma transaction", () => down.$transaction(async (tx) => tx.user.count())],
    ["a plain pg query", () => pool.query("select 1")],
  ])("%s answers 503 with Retry-After", async (_name, run) => {
    const error = await failure(run);
    expect(isDatabaseUnavailable(error)).toBe(true);
    const { status, body, headers } = toErrorBody(error);
    expect(status).toBe(503);
    expect(body.error.code).toBe("UNAVAILABLE");
    expect(headers?.["retry-after"]).toMatch(/^\d+$/);
  });

  it("a query fault on a reachable database is still a 500", async () => {
    const error = await failure(() => db.$queryRawUnsafe("select * from no_such_table"));
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(toErrorBody(error).status).toBe(500);
  });
});
