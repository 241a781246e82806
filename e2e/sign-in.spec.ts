import { test, expect } from "./fixtures";

const KINDS = [
  {
    group: "Authors",
    home: /\/changes$/,
    nav: ["Systems", "People"],
    notNav: ["Admin", "Audit trail", "Dashboard", "Incidents"],
  },
  {
    group: "Reviewers",
    home: /\/queue$/,
    nav: ["Systems", "People", "Incidents"],
    notNav: ["Admin", "Audit trail", "Dashboard"],
  },
  {
    group: "Managers",
    // A manager of a team opens the dashboard on their team.
    home: /\/dashboard(\?team=[a-z0-9-]+)?$/,
    nav: ["Dashboard", "Incidents", "Systems", "People", "Audit trail"],
    notNav: ["Admin"],
  },
  {
    group: "Admins",
    home: /\/admin$/,
    nav: ["Systems", "People", "Audit trail", "Admin"],
    notNav: [],
  },
];

for (const kind of KINDS) {
  test(`demo sign-in as one of the ${kind.group.toLowerCase()}, then sign out`, async ({
    page,
  }) => {
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { name: "Sign in to Countersign" })).toBeVisible();
    const group = page.getByRole("region", { name: new RegExp(`^${kind.group}`) });
    const first = group.getByRole("button").first();
    const label = (await first.getAttribute("aria-label"))!;
    const name = label.replace(/^Sign in as /, "").split(",")[0]!;
    await first.click();
    await expect(page).toHaveURL(kind.home);
    const whoami = page.getByTestId("whoami");
    await expect(whoami).toContainText(name);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const item of kind.nav) await expect(nav.getByRole("link", { name: item })).toBeVisible();
    for (const item of kind.notNav)
      await expect(nav.getByRole("link", { name: item })).toHaveCount(0);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto("/systems");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsystems/);
  });
}

test("the demo picker searches the whole organisation", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Find a person").fill("principal");
  const reviewers = page.getByRole("region", { name: /^Reviewers/ });
  await expect(reviewers.getByRole("button").first()).toBeVisible();
  const labels = await reviewers
    .getByRole("button")
    .evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
  expect(labels.length).toBeGreaterThan(0);
  expect(labels.every((l) => l!.includes("PRINCIPAL"))).toBe(true);
  await expect(page.getByRole("region", { name: /^Authors/ })).toContainText("Nobody matches");
});

test("a signed-out visitor is sent to sign in and comes back to the page asked for", async ({
  page,
  db,
}) => {
  const person = await db.user.findFirstOrThrow({
    where: { level: "JUNIOR", roles: { isEmpty: true } },
    orderBy: { name: "asc" },
  });
  await page.goto("/systems?tier=1");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await page.getByLabel("Find a person").fill(person.handle);
  await page.getByRole("button", { name: new RegExp(`^Sign in as ${person.name}`) }).click();
  await expect(page).toHaveURL(/\/systems\?tier=1$/);
});
