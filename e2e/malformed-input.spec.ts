// No request, however malformed, gets a 500: every route handler and page is sent bodies that
// are not JSON or have the wrong shape, wrong types, NUL bytes, oversized values, and keys and
// query strings that are nonsense. Each answer is a 4xx with a named error (or a 2xx/3xx for
// input that is merely useless), never a 5xx.
import { test, expect, signInAs, type TestPerson, SAME_ORIGIN } from "./fixtures";

const KEYS = [
  "CR-99999999999999999999",
  "CR-0",
  "%00",
  "..%2F..%2Fetc",
  "x".repeat(3000),
  "CR-1%27%20OR%201%3D1",
];
const BODIES: (string | undefined)[] = [
  undefined,
  "{not json",
  "null",
  "[]",
  "42",
  '"a string"',
  "{}",
  JSON.stringify({
    title: { nested: true },
    intent: ["x"],
    repository: 42,
    paths: "src/a.ts",
    linesChanged: "lots",
    revision: -1,
    decision: 7,
    kind: null,
    change: { key: "CR-1" },
    severity: "SEV9",
    startedAt: "yesterday",
    systems: "checkout",
    file: 3,
    tier: "one",
    extraApprovers: { users: "x" },
    name: "",
    startsAt: "2026-13-45",
    endsAt: 0,
    ids: [null],
  }),
  JSON.stringify({
    title: "NUL \u0000 in a title",
    intent: "NUL \u0000 in the intent of this change",
    repository: "acme/storefront\u0000",
    paths: ["a\u0000.ts"],
    comment: "\u0000",
    attestation: "\u0000".repeat(30),
    note: "\u0000",
    summary: "\u0000",
    name: "\u0000",
    slug: "\u0000",
  }),
  JSON.stringify({ title: "x".repeat(7 * 1024 * 1024) }),
];

const ROUTES: {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: (k: string) => string;
}[] = [
  { method: "POST", path: () => "/api/v1/changes" },
  { method: "POST", path: (k) => `/api/v1/changes/${k}/deploy` },
  { method: "POST", path: (k) => `/api/v1/changes/${k}/reviews` },
  { method: "POST", path: (k) => `/api/v1/changes/${k}/revisions` },
  { method: "POST", path: (k) => `/api/v1/changes/${k}/rollback` },
  { method: "PUT", path: (k) => `/api/v1/changes/${k}/views` },
  { method: "POST", path: (k) => `/api/v1/changes/${k}/withdraw` },
  { method: "POST", path: () => "/api/v1/incidents" },
  { method: "GET", path: (k) => `/api/v1/incidents/${k}` },
  { method: "PATCH", path: (k) => `/api/v1/incidents/${k}` },
  { method: "POST", path: (k) => `/api/v1/incidents/${k}/links` },
  { method: "DELETE", path: (k) => `/api/v1/incidents/${k}/links/${k}` },
  { method: "POST", path: (k) => `/api/v1/incidents/${k}/notes` },
  { method: "GET", path: (k) => `/api/v1/incidents/${k}/suspects` },
  { method: "POST", path: () => "/api/v1/notifications/read" },
  { method: "POST", path: () => "/api/v1/policy-windows" },
  { method: "PUT", path: (k) => `/api/v1/policy-windows/${k}` },
  { method: "POST", path: () => "/api/v1/routing/preview" },
  { method: "PATCH", path: (k) => `/api/v1/systems/${k}` },
];

const QUERIES = [
  "after=%00garbage&limit=-1",
  "days=abc&tier=9&team=%00&system=..%2F",
  "from=2026-13-45&to=yesterday",
  "tier=1&tier=2&after=eyJub3QiOiJhIGN1cnNvciJ9",
  "severity=SEV9&status=%00&format=xml&figure=nope",
  `q=${"x".repeat(5000)}`,
];
const READS = [
  "/api/v1/audit/export",
  "/api/v1/audit/verify",
  "/api/v1/incidents",
  "/api/v1/metrics",
  "/api/v1/metrics/csv",
  "/api/v1/notifications",
  "/api/v1/queue",
  "/api/v1/queue/counts",
];
const PAGES = [
  "/systems",
  "/people",
  "/queue",
  "/changes",
  "/incidents",
  "/dashboard",
  "/audit",
  "/admin/windows",
];

async function expectNamedError(response: {
  status(): number;
  headers(): Record<string, string>;
  json(): Promise<unknown>;
}) {
  expect(response.status()).toBeLessThan(500);
  if (response.status() >= 400 && response.headers()["content-type"]?.includes("json")) {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    expect(typeof body.error?.code).toBe("string");
    expect(body.error?.message).toBeTruthy();
  }
}

let everyone: TestPerson;

test.beforeEach(async ({ page, createPerson }) => {
  // Every permission there is, so that requests get past authorization to the input checks.
  everyone = await createPerson({ level: "PRINCIPAL", roles: ["ADMIN", "MANAGER"] });
  await signInAs(page, everyone);
});

test("malformed bodies and keys to every write get a 4xx, never a 5xx", async ({ page }) => {
  test.setTimeout(180_000);
  const failures: string[] = [];
  for (const route of ROUTES)
    for (const key of KEYS.slice(0, route.path("K").includes("K") ? KEYS.length : 1))
      for (const body of route.method === "GET" ? [undefined] : BODIES) {
        const url = route.path(key);
        const response = await page.request.fetch(url, {
          method: route.method,
          headers:
            body === undefined
              ? SAME_ORIGIN
              : { ...SAME_ORIGIN, "content-type": "application/json" },
          data: body,
          maxRedirects: 0,
        });
        if (response.status() >= 500)
          failures.push(
            `${route.method} ${url.slice(0, 80)} ${body?.slice(0, 40)} → ${response.status()}`,
          );
        else await expectNamedError(response);
      }
  expect(failures).toEqual([]);
});

test("malformed query strings to every read and page get a 4xx or a page, never a 5xx", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const failures: string[] = [];
  for (const path of [...READS, ...PAGES])
    for (const query of QUERIES) {
      const response = await page.request.get(`${path}?${query}`, { maxRedirects: 0 });
      if (response.status() >= 500)
        failures.push(`GET ${path}?${query.slice(0, 60)} → ${response.status()}`);
      else if (path.startsWith("/api/")) await expectNamedError(response);
    }
  for (const key of KEYS)
    for (const path of [
      `/changes/${key}`,
      `/incidents/${key}`,
      `/systems/${key}`,
      `/teams/${key}`,
    ]) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      if (response.status() >= 500)
        failures.push(`GET ${path.slice(0, 60)} → ${response.status()}`);
    }
  expect(failures).toEqual([]);
});
