// Hostile input, generated (fast-check), against every route handler of the running portal: the
// routes come from app/ (lib/testing/routes.ts), so a new route is covered without editing this
// test. Malformed, oversized, deeply nested and unicode-heavy bodies, query strings and path
// parameters, with the right and wrong media types and origins. The answer is never a 5xx; an
// error is a 4xx in the JSON error shape; and afterwards the database holds what it held before.
// Runs alone, after every other browser test (playwright.config.ts), so that nothing else writes.
import fc from "fast-check";
import type { APIRequestContext } from "@playwright/test";
import { appRoutes, routePath, type Method } from "../lib/testing/routes";
import type { PrismaClient } from "../lib/generated/prisma/client";
import { test, expect, signInAs, SAME_ORIGIN } from "./fixtures";

const RUNS = 1000;
const PER_RUN = 10; // requests sent together per run: RUNS × PER_RUN requests in all

const routes = appRoutes().flatMap((route) =>
  route.methods.map((method) => ({ route, method: method as Method })),
);

// ---- generators -------------------------------------------------------------------------------

/** Percent-encodes every UTF-16 unit, lone surrogates included (as the invalid UTF-8 they'd be). */
function encodeLoose(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff)
      out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`;
    else out += encodeURIComponent(ch);
  }
  return out;
}

const hostileText = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "\ud800",
    "\udc00x",
    "💥".repeat(50),
    "\u202e\u200b\ufeff",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "0000-01-01T00:00Z",
    "9999-12-31T23:30-01:00",
    "2026-02-30T10:00",
    "-1",
    "1e309",
    "NaN",
    "x".repeat(20_000),
  ),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 60 }),
);

const segment = fc.oneof(
  fc.constantFrom(
    "CR-0",
    "CR-99999999999999999999",
    "INC-0",
    "no-such-system",
    ".",
    "..",
    "%2e%2e",
    "%00",
    "%ff%fe",
    "%",
    "%zz",
    "%c0%af",
    "%ed%a0%80",
    "x".repeat(2000),
  ),
  hostileText.map(encodeLoose).filter((t) => t.length > 0 && t.length <= 2000),
);

const FIELD_NAMES = [
  "title",
  "intent",
  "repository",
  "paths",
  "diff",
  "submit",
  "aiExtent",
  "aiTools",
  "revision",
  "decision",
  "attestation",
  "comment",
  "note",
  "severity",
  "systems",
  "startedAt",
  "detectedAt",
  "at",
  "kind",
  "change",
  "tier",
  "name",
  "startsAt",
  "endsAt",
  "ids",
  "file",
  "linesChanged",
  "after",
  "limit",
  "days",
  "from",
  "to",
  "format",
  "since",
  "until",
  "status",
  "team",
  "system",
];
const fieldName = fc.oneof(
  fc.constantFrom(...FIELD_NAMES),
  hostileText.filter((t) => t.length < 200),
);

const query = fc.oneof(
  fc
    .array(fc.tuple(fieldName, hostileText), { maxLength: 5 })
    .map((pairs) => pairs.map(([k, v]) => `${encodeLoose(k)}=${encodeLoose(v)}`).join("&"))
    // Node refuses a request line over 16 KB itself (431, before the portal sees it).
    .filter((q) => q.length <= 4000),
  fc.constantFrom("%", "a=%ff", "a=%", "&&&", "a=1&a=2&a=3", `q=${"%41".repeat(1000)}`),
);

const hostileJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    hostileText,
    fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fieldName, tie("value"), { maxKeys: 6 }),
  ),
})).value;

const body = fc.oneof(
  { arbitrary: hostileJson.map((v) => JSON.stringify(v) ?? "null"), weight: 6 },
  {
    arbitrary: fc
      .tuple(fc.integer({ min: 33, max: 6000 }), fc.boolean())
      .map(([n, arrays]) =>
        arrays ? "[".repeat(n) + "]".repeat(n) : '{"a":'.repeat(n) + "1" + "}".repeat(n),
      ),
    weight: 1,
  },
  {
    arbitrary: fc.constantFrom(
      "",
      "{",
      "{not json",
      '{"a":1}}',
      "[1,]",
      '{"title":"\\ud800"}',
      '{"note":"a\\udc00b"}',
      '{"\\ud800":1}',
      '{"title":"\\u0000"}',
      "\u0000",
      "\ufeff{}",
    ),
    weight: 2,
  },
  { arbitrary: fc.constant(JSON.stringify({ title: "x".repeat(1_100_000) })), weight: 1 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 200 }), weight: 1 },
);

const contentType = fc.constantFrom(
  "application/json",
  "application/json",
  "application/json",
  "application/json; charset=utf-8",
  "text/plain; application/json",
  "text/plain",
  "multipart/form-data; boundary=x",
  null,
);

const origin = fc.constantFrom<Record<string, string>>(
  SAME_ORIGIN,
  SAME_ORIGIN,
  SAME_ORIGIN,
  SAME_ORIGIN,
  { "sec-fetch-site": "same-origin" },
  { origin: "http://localhost:4000", "sec-fetch-site": "same-site" },
  { origin: "null" },
  {},
);

const hostileRequest = fc
  .record({
    target: fc.constantFrom(...routes),
    segments: fc.array(segment, { minLength: 3, maxLength: 3 }),
    query: fc.option(query, { nil: undefined }),
    body,
    contentType,
    origin,
  })
  .map(({ target, segments, ...rest }) => {
    const values = Object.fromEntries(target.route.params.map((p, i) => [p, segments[i]!]));
    return { method: target.method, path: routePath(target.route, values), ...rest };
  });

// ---- what must hold ---------------------------------------------------------------------------

// The SLA escalation job (a system actor, every minute) may assign, notify and audit meanwhile;
// every API request counts against the person's rate limit (RateCounter, operational state); the
// checkpoint job (every minute) may sign the audit chain's head (AuditCheckpoint).
const MOVED_BY_THE_SCHEDULER = new Set([
  "Assignment",
  "Notification",
  "AuditEvent",
  "RateCounter",
  "AuditCheckpoint",
]);

async function snapshot(db: PrismaClient) {
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT tablename AS name FROM pg_tables
    WHERE schemaname = current_schema() AND tablename NOT LIKE '\\_prisma%' ORDER BY 1`;
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    if (MOVED_BY_THE_SCHEDULER.has(name)) continue;
    const [row] = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "${name}"`,
    );
    counts[name] = row!.n;
  }
  const last = await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
  return { counts, lastSeq: last?.seq ?? 0n };
}

async function send(
  request: APIRequestContext,
  r: {
    method: string;
    path: string;
    query?: string;
    body: string;
    contentType: string | null;
    origin: Record<string, string>;
  },
) {
  const url = `${r.path}${r.query ? `?${r.query}` : ""}`;
  const withBody = r.method !== "GET";
  const response = await request.fetch(url, {
    method: r.method,
    headers: {
      ...r.origin,
      ...(withBody && r.contentType ? { "content-type": r.contentType } : {}),
    },
    ...(withBody ? { data: Buffer.from(r.body, "utf8") } : {}),
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  const status = response.status();
  const problem = (why: string) =>
    `${r.method} ${url.slice(0, 160)} [${r.contentType}] ${r.body.slice(0, 80)} → ${status} ${why}`;
  if (status >= 500) return problem((await response.text()).slice(0, 200));
  if (status >= 400) {
    if (!response.headers()["content-type"]?.includes("application/json"))
      return problem("not JSON");
    const json = (await response.json().catch(() => null)) as {
      error?: { code?: unknown; message?: unknown };
    } | null;
    if (typeof json?.error?.code !== "string" || typeof json.error.message !== "string")
      return problem("not the error shape");
  }
  return null;
}

test("hostile requests to every route answer 4xx in the JSON error shape, never 5xx, and change nothing", async ({
  page,
  db,
  createPerson,
}) => {
  test.setTimeout(600_000);
  expect(routes.length).toBeGreaterThan(25);
  // Every permission there is, so that requests get past authorization to the input checks.
  const everyone = await createPerson({ level: "PRINCIPAL", roles: ["ADMIN", "MANAGER"] });
  await signInAs(page, everyone);
  const before = await snapshot(db);
  let sent = 0;

  await fc.assert(
    fc.asyncProperty(
      fc.array(hostileRequest, { minLength: PER_RUN, maxLength: PER_RUN }),
      async (batch) => {
        const problems = await Promise.all(batch.map((r) => send(page.request, r)));
        sent += batch.length;
        const found = problems.filter(Boolean);
        expect(found).toEqual([]);
      },
    ),
    {
      numRuns: RUNS,
      // To replay a failure: HOSTILE_SEED=<the seed it printed> npx playwright test e2e/hostile-input.spec.ts
      ...(process.env.HOSTILE_SEED ? { seed: Number(process.env.HOSTILE_SEED) } : {}),
      endOnFailure: true,
      // The counterexample can be megabytes of JSON: report the seed and the problems found.
      asyncReporter: async (run) => {
        if (run.failed)
          throw new Error(
            `seed ${run.seed}, path ${run.counterexamplePath}: ${String(run.errorInstance).slice(0, 3000)}`,
          );
      },
    },
  );

  expect(sent).toBeGreaterThanOrEqual(RUNS * PER_RUN);
  const after = await snapshot(db);
  expect(after.counts).toEqual(before.counts);
  const written = await db.auditEvent.findMany({
    where: { seq: { gt: before.lastSeq }, actorType: { not: "SYSTEM" } },
    select: { action: true, actorName: true },
  });
  expect(written).toEqual([]);
});
