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

  // Seen under the fault tests (npm run test:faults): PostgreSQL killed while a client was idle in
  // a pool; its next query failed with pg's own words, answered 500 before.
  it("a connection the server dropped answers 503", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    const lost = new Promise((resolve) => client.once("error", resolve));
    await client.connect();
    const { rows } = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
    await db.$queryRawUnsafe(`select pg_terminate_backend(${rows[0]!.pid})`);
    await lost;
    const error = await failure(() => client.query("select 1"));
    await client.end().catch(() => {});
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(toErrorBody(error).status).toBe(503);
  });

  it("a query fault on a reachable database is still a 500", async () => {
    const error = await failure(() => db.$queryRawUnsafe("select * from no_such_table"));
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(toErrorBody(error).status).toBe(500);
  });
});
