// Screenshots of each page, for people to look at (test-results/screenshots/).
import { test, expect, signInAs } from "./fixtures";

const shot = (name: string) => ({ path: `test-results/screenshots/${name}.png`, fullPage: true });

test("screenshots of the main pages", async ({ page, db }) => {
  // Some twenty pages as four people: 25 s alone, more beside the other browser tests.
  test.setTimeout(150_000);
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Demo sign-in" })).toBeVisible();
  await page.screenshot(shot("sign-in"));
  // Opened at another address than the published one, the page says where the portal lives.
  await page.goto(`${new URL(page.url()).origin.replace("localhost", "127.0.0.1")}/sign-in`);
  await expect(page.getByText(/Countersign lives at/)).toBeVisible();
  await page.screenshot(shot("sign-in-elsewhere"));

  const admin = await db.user.findFirstOrThrow({ where: { roles: { has: "ADMIN" } } });
  await signInAs(page, admin);
  await page.goto("/systems");
  await expect(page.getByRole("table", { name: "Systems" })).toBeVisible();
  await page.screenshot(shot("systems"));

  const system = await db.system.findFirstOrThrow({
    where: { tier: 1, extraApprovers: { some: {} } },
    orderBy: { slug: "asc" },
  });
  await page.goto(`/systems/${system.slug}`);
  await expect(
    page.getByRole("heading", { name: "Who may approve changes to this system" }),
  ).toBeVisible();
  await page.screenshot(shot("system"));

  await page.goto(`/teams/checkout`);
  await expect(page.getByRole("table", { name: "Members" })).toBeVisible();
  await page.screenshot(shot("team"));

  await page.goto(`/people`);
  await expect(page.getByRole("table", { name: "People" })).toBeVisible();
  await page.screenshot(shot("people"));

  await page.goto(`/audit`);
  await expect(page.getByRole("list", { name: "Audit events" })).toBeVisible();
  await page.getByRole("list", { name: "Audit events" }).locator("summary").first().click();
  await page.screenshot(shot("audit"));

  await page.goto("/changes/new");
  await page.getByLabel("Title").fill("Retry card authorisation once on timeout");
  await page
    .getByLabel("Intent: why this change?")
    .fill("Card authorisations time out at peak; one jittered retry recovers most of them.");
  await page.getByLabel("Repository").fill("acme/storefront");
  await page
    .getByLabel("Or list the changed paths")
    .fill("apps/web/checkout/payment-retry.ts\napps/web/checkout/payment-retry.test.ts");
  await page.getByLabel("Lines changed").fill("120");
  await page.getByRole("radio", { name: /^Assisted/ }).check();
  await page.getByLabel("Tools").fill("Copilot");
  await expect(
    page.getByRole("complementary", { name: "Routing preview" }).getByText("Live preview"),
  ).toBeVisible();
  await page.screenshot(shot("new-change"));

  const reviewer = await db.user.findFirstOrThrow({
    where: { level: "SENIOR", roles: { isEmpty: true }, assignments: { some: { state: "OPEN" } } },
    orderBy: { handle: "asc" },
  });
  await signInAs(page, reviewer);
  await page.goto("/queue");
  await expect(page.getByRole("list", { name: "Queue" })).toBeVisible();
  // The tab counts arrive after the rows; the picture is of the settled page.
  await expect(page.getByRole("navigation", { name: "Queue views" })).not.toContainText("…");
  await page.screenshot(shot("queue"));
  const open = await db.changeRequest.findFirstOrThrow({
    where: {
      status: "PENDING",
      assignments: { some: { reviewerId: reviewer.id, state: "OPEN" } },
      revisions: { some: { diff: { not: null } } },
    },
    orderBy: { number: "desc" },
  });
  await page.goto(`/changes/${open.key}`);
  await expect(page.getByRole("region", { name: "Your review" })).toBeVisible();
  await page.screenshot(shot("review"));
  await signInAs(page, admin);

  const manager = await db.user.findFirstOrThrow({
    where: { roles: { equals: ["MANAGER"] } },
    orderBy: { handle: "asc" },
  });
  await signInAs(page, manager);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  await page.screenshot(shot("dashboard"));
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Notifications by e-mail" })).toBeVisible();
  await page.screenshot(shot("settings"));
  await page.goto("/incidents");
  await expect(page.getByRole("table", { name: "Incidents" })).toBeVisible();
  await page.screenshot(shot("incidents"));
  const incident = await db.incident.findFirstOrThrow({
    where: { changes: { some: { kind: "CAUSE" } } },
    orderBy: { startedAt: "desc" },
  });
  await page.goto(`/incidents/${incident.key}`);
  await expect(page.getByRole("heading", { name: "Suspect changes" })).toBeVisible();
  await page.screenshot(shot("incident"));
  await page.goto("/incidents/new");
  await page.screenshot(shot("new-incident"));
  await signInAs(page, admin);

  await page.goto(`/admin`);
  await expect(page.getByRole("heading", { name: "Admin", level: 1 })).toBeVisible();
  await page.screenshot(shot("admin"));

  await page.goto("/admin/tokens");
  await page.getByLabel("Name").fill(`screenshot pipeline ${Date.now()}`);
  await page.getByRole("checkbox", { name: /gate:read/ }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("new-token-secret")).toHaveText(/^cs_/);
  await page.screenshot(shot("admin-tokens"));
  await page.goto("/api-reference");
  await expect(page.getByText("Countersign API").first()).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: "test-results/screenshots/api-reference.png" });
});
