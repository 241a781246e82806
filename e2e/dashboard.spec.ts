// A manager's flow: the dashboard's filters live in the URL and re-draw the charts, a figure
// downloads as CSV, and recording an incident and linking its suspect change as CAUSE moves the
// change failure rate.
import { readFile } from "node:fs/promises";
import { test, expect, signInAs, SAME_ORIGIN } from "./fixtures";

const HOUR = 3_600_000;
const utc = (ms: number) => new Date(ms).toISOString().slice(0, 16);

test("a manager reads the dashboard, filters it, downloads a CSV", async ({
  page,
  createPerson,
}) => {
  const manager = await createPerson({ level: "MID", roles: ["MANAGER"] });
  await signInAs(page, manager);
  await page.goto("/");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  const headline = page.getByRole("definition").filter({ hasText: /^\d/ }).first();
  await expect(headline).toBeVisible();
  const range = page.getByText(/\(UTC\), compared with/);
  const before = await range.textContent();

  await page.getByLabel("Time range", { exact: true }).selectOption("30");
  await expect(page).toHaveURL(/days=30/);
  await expect(range).not.toHaveText(before!);
  await expect(range).not.toContainText("Updating");

  // The team and system pickers suggest as you type (GET /api/v1/teams, /systems), not from
  // every team and system in the page.
  await expect(page.locator("#f-team-options option")).toHaveCount(0);
  const team = page.getByLabel("Team", { exact: true });
  await team.fill("checko");
  await expect(page.locator("#f-team-options option").first()).toHaveAttribute("value", "checkout");
  await team.fill("checkout");
  await team.press("Enter");
  await expect(page).toHaveURL(/team=checkout/);
  await expect(range).not.toContainText("Updating");
  await expect(page.locator("#f-system-options option")).toHaveCount(0);
  await page.getByLabel("System", { exact: true }).fill("checkout-ap");
  await expect(page.locator("#f-system-options option").first()).toHaveAttribute(
    "value",
    /^checkout-ap/,
  );
  const incidentsTile = page.locator('dl[aria-label="Headline figures"] > div', {
    hasText: "Incidents",
  });
  await expect(incidentsTile).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download Incidents per week by severity as CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^countersign-incidentsPerWeek-.*\.csv$/);
  const csv = await readFile(await download.path(), "utf8");
  expect(csv.split("\n")[0]).toBe("Week of,SEV1,SEV2,SEV3,SEV4,Total");

  // The same figures as a table, for people who cannot see the chart.
  const chart = page.getByRole("region", { name: "Incidents per week by severity" });
  await chart.getByText("Show as a table").click();
  await expect(chart.getByRole("table", { name: "Incidents per week by severity" })).toBeVisible();
});

test("a manager records an incident, links the proposed suspect as CAUSE, and the failure rate moves", async ({
  page,
  db,
  createPerson,
}) => {
  // A change deployed three hours ago to a system nobody has linked an incident to.
  const change = await db.changeRequest.findFirstOrThrow({
    where: { status: "DEPLOYED", incidents: { none: {} }, systems: { some: {} } },
    orderBy: { number: "desc" },
    include: { systems: { include: { system: true } } },
  });
  const system = change.systems[0]!.system;
  await db.changeRequest.update({
    where: { id: change.id },
    data: { deployedAt: new Date(Date.now() - 3 * HOUR) },
  });
  const manager = await createPerson({ level: "MID", roles: ["MANAGER"] });
  await signInAs(page, manager);

  const dashboardUrl = `/dashboard?days=7&system=${system.slug}`;
  const cfr = page
    .locator('dl[aria-label="Headline figures"] > div', { hasText: "Change failure rate" })
    .locator("dd")
    .first();
  await page.goto(dashboardUrl);
  const rateBefore = await cfr.textContent();

  await page.goto("/incidents/new");
  await page.getByLabel("Title").fill(`Errors on ${system.name} after a deploy`);
  await page.getByLabel("Severity").selectOption("SEV2");
  await page.getByLabel("Started").fill(utc(Date.now() - HOUR));
  await page.getByLabel("Detected").fill(utc(Date.now() - HOUR / 2));
  await page.getByLabel("Affected systems", { exact: true }).fill(system.slug);
  await page.getByLabel("Affected systems", { exact: true }).press("Enter");
  await page.getByLabel("Customers affected").fill("42");
  await page.getByRole("button", { name: "Record incident" }).click();
  await expect(page).toHaveURL(/\/incidents\/INC-\d+$/);

  const suspect = page.getByTestId(`suspect-${change.key}`);
  await expect(suspect).toBeVisible();
  await suspect.getByRole("button", { name: "Cause" }).click();
  await expect(suspect.getByRole("button", { name: "Cause" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(page.getByRole("link", { name: change.key }).first()).toBeVisible();

  await page.goto(`/changes/${change.key}`);
  await expect(page.getByRole("region", { name: "Incidents linked to this change" })).toContainText(
    "cause",
  );

  await page.goto(dashboardUrl);
  await expect(cfr).not.toHaveText(rateBefore!);
});

test("the metrics and incidents APIs refuse bad input by field, and people without the permission", async ({
  page,
  createPerson,
}) => {
  const engineer = await createPerson({ level: "MID" });
  await signInAs(page, engineer);
  expect((await page.request.get("/api/v1/metrics")).status()).toBe(403);
  expect((await page.request.get("/api/v1/incidents")).status()).toBe(403);

  const manager = await createPerson({ level: "MID", roles: ["MANAGER"] });
  await signInAs(page, manager);
  const metrics = await page.request.get("/api/v1/metrics?tier=7&team=no-such-team");
  expect(metrics.status()).toBe(400);
  const fields = ((await metrics.json()).error.details as { field: string }[]).map((d) => d.field);
  expect(fields).toContain("tier");
  const ok = await page.request.get("/api/v1/metrics?days=30");
  expect(ok.status()).toBe(200);
  const body = await ok.json();
  expect(body.definitions.changeFailureRate.title).toBe("Change failure rate");
  expect(typeof body.changeFailureRate.overall.deployed).toBe("number");

  const bad = await page.request.post("/api/v1/incidents", {
    headers: SAME_ORIGIN,
    data: { title: "x", severity: "SEV9", systems: [] },
  });
  expect(bad.status()).toBe(400);
  const problems = ((await bad.json()).error.details as { field: string }[]).map((d) => d.field);
  expect(problems).toEqual(expect.arrayContaining(["title", "severity", "startedAt", "systems"]));
  const malformed = await page.request.post("/api/v1/incidents", {
    headers: { ...SAME_ORIGIN, "content-type": "application/json" },
    data: "{not json",
  });
  expect(malformed.status()).toBe(400);
  expect((await page.request.get("/api/v1/incidents/INC-999999999")).status()).toBe(404);
  expect((await page.request.get("/api/v1/incidents/not-a-key")).status()).toBe(404);
});
