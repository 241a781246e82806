// No page or read, however malformed its address, gets a 500: query strings and keys that are
// nonsense. Each answer is a 4xx with a named error (or a page for input that is merely useless),
// never a 5xx. Route handlers get generated hostile input in hostile-input.spec.ts.
import { test, expect, signInAs, type TestPerson } from "./fixtures";

const KEYS = [
  "CR-99999999999999999999",
  "CR-0",
  "%00",
  "..%2F..%2Fetc",
  "x".repeat(3000),
  "CR-1%27%20OR%201%3D1",
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
  // The pickers' suggestions.
  "/api/v1/systems",
  "/api/v1/teams",
  "/api/v1/people",
  "/api/v1/repositories",
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
