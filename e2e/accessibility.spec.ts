// axe-core on every page, as the people who use each one (WCAG 2.1 A and AA rules): no serious or
// critical violation anywhere. A failure lists each rule, its impact and the elements it found.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, signInAs } from "./fixtures";
import { submitCardRetry } from "./card-retry";

/** Types into a field while the page's scripts are held back, as on a slow phone, then lets them run. */
async function typeBeforeScripts(page: Page, path: string, label: string, text: string) {
  const scripts = "**/_next/static/chunks/**/*.js";
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route(scripts, async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto(path, { waitUntil: "commit" });
  await page.getByLabel(label).pressSequentially(text);
  release();
  await page.waitForLoadState("networkidle");
  await page.unroute(scripts);
}

async function audit(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 5)
          .join(", ")}`,
    );
  expect(serious, `${path}\n${serious.join("\n")}`).toEqual([]);
}

test("every page passes axe-core: no serious or critical violations", async ({
  page,
  createPerson,
  db,
}) => {
  test.setTimeout(240_000);
  await audit(page, "/sign-in");

  const junior = await createPerson({ level: "JUNIOR", teamSlug: "cart" });
  await signInAs(page, junior);
  const key = await submitCardRetry(page, { aiWrote: "The retry helper." });
  for (const path of [
    "/changes",
    "/changes/new",
    `/changes/${key}`,
    "/tokens",
    "/search?q=is:open",
  ])
    await audit(page, path);

  const senior = await createPerson({ level: "SENIOR", teamSlug: "checkout" });
  await signInAs(page, senior);
  for (const path of ["/queue", `/changes/${key}`]) await audit(page, path);

  const admin = await db.user.findFirstOrThrow({
    where: { roles: { has: "ADMIN" }, active: true },
  });
  const manager = await createPerson({ level: "SENIOR", roles: ["MANAGER"] });
  const incident = await db.incident.findFirstOrThrow({ orderBy: { number: "desc" } });
  const system = await db.system.findFirstOrThrow({ orderBy: { slug: "asc" } });
  const team = await db.team.findFirstOrThrow({ orderBy: { slug: "asc" } });
  await signInAs(page, manager);
  for (const path of [
    "/dashboard",
    "/incidents",
    `/incidents/${incident.key}`,
    "/incidents/new",
    "/audit",
    "/search?q=checkout",
  ])
    await audit(page, path);
  await signInAs(page, admin);
  for (const path of [
    "/",
    "/systems",
    `/systems/${system.slug}`,
    `/teams/${team.slug}`,
    "/people",
    "/admin",
    "/admin/tokens",
    "/admin/windows",
    "/admin/integrations",
    "/settings",
  ])
    await audit(page, path);
});

test("a phone: the navigation folds into a menu, and the queue can be worked", async ({
  page,
  createPerson,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const senior = await createPerson({ level: "SENIOR", teamSlug: "checkout" });
  await signInAs(page, senior);
  await page.goto("/queue");
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await page.screenshot({ path: "test-results/screenshots/phone-queue.png", fullPage: true });
  await menu.click();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/phone-menu.png" });
  await nav.getByRole("link", { name: "My changes" }).click();
  await expect(page).toHaveURL(/\/changes$/);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await audit(page, "/queue");
});

test("the search box: qualifiers, keys and words, from anywhere", async ({
  page,
  createPerson,
}) => {
  const junior = await createPerson({ level: "JUNIOR", teamSlug: "cart" });
  await signInAs(page, junior);
  const key = await submitCardRetry(page, {
    title: "Searchable retry of card authorisation",
    aiExtent: "NONE",
    aiTools: [],
    aiWrote: "",
  });
  await page.goto("/changes");
  await page.waitForLoadState("networkidle");
  await page.keyboard.press("/");
  await page.keyboard.type("is:pending author:@me searchable");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=/);
  const found = page.getByRole("table", { name: "Changes found" });
  await expect(found.getByRole("link", { name: new RegExp(key) })).toBeVisible();
  await expect(found.getByRole("row")).toHaveCount(2);
  await page.screenshot({ path: "test-results/screenshots/search-results.png", fullPage: true });
  await page.goto(`/search?q=${key}`);
  await expect(page.getByRole("table", { name: "Changes found" })).toContainText(key);
  await page.goto("/search?q=is:shiny");
  await expect(page.getByRole("alert").filter({ hasText: "is:shiny" })).toContainText(
    "is not a status",
  );
});

test("what people type before the page is interactive is kept (sign-in search, the change form)", async ({
  page,
  createPerson,
}) => {
  await typeBeforeScripts(page, "/sign-in", "Find a person", "Joshuah");
  await expect(page.getByLabel("Find a person")).toHaveValue("Joshuah");
  await expect(page.getByRole("button", { name: /Joshuah/ }).first()).toBeVisible();

  await signInAs(page, await createPerson({ level: "JUNIOR", teamSlug: "cart" }));
  await typeBeforeScripts(page, "/changes/new", "Title", "Typed while loading");
  await expect(page.getByLabel("Title")).toHaveValue("Typed while loading");
});
