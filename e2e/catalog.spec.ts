import { test, expect, signInAs } from "./fixtures";

test("search and filter the systems catalog; filters live in the URL", async ({
  page,
  createPerson,
}) => {
  await signInAs(page, await createPerson({ level: "JUNIOR" }));
  await page.goto("/systems");
  await expect(page.getByRole("heading", { name: "Systems", level: 1 })).toBeVisible();
  await expect(page.getByText("1,000 systems")).toBeVisible();

  await page.getByLabel("Search systems").fill("checkout");
  await expect(page).toHaveURL(/q=checkout/);
  const rows = page.getByRole("table", { name: "Systems" }).locator("tbody tr");
  await expect(rows.first()).toContainText(/checkout/i);
  for (const text of await rows.allInnerTexts()) expect(text.toLowerCase()).toContain("checkout");

  await page.getByLabel("Tier").selectOption("1");
  await expect(page).toHaveURL(/tier=1/);
  await expect(page).toHaveURL(/q=checkout/);
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allInnerTexts()) expect(text).toContain("Tier 1");

  await page.getByLabel("Search systems").fill("");
  await page.getByLabel("Owning team").selectOption("payments");
  await expect(page).toHaveURL(/team=payments/);
  await expect(page).not.toHaveURL(/q=/);
  await expect(page.getByText(/^\d+ systems? match$/)).toBeVisible();
  for (const text of await rows.allInnerTexts()) expect(text).toContain("Payments");
});

test("keyset pagination walks forward and back", async ({ page, createPerson }) => {
  await signInAs(page, await createPerson());
  await page.goto("/systems");
  const firstRow = page
    .getByRole("table", { name: "Systems" })
    .locator("tbody tr")
    .first()
    .getByRole("link")
    .first();
  const page1 = (await firstRow.textContent())!;
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page).toHaveURL(/after=/);
  await expect(firstRow).not.toHaveText(page1);
  await page.getByRole("link", { name: "← Previous" }).click();
  await expect(page).toHaveURL(/before=/);
  await expect(firstRow).toHaveText(page1);
});

test("a system page explains who may approve and why", async ({ page, createPerson, db }) => {
  const system = await db.system.findFirstOrThrow({
    where: { tier: 1 },
    include: { owningTeam: true },
    orderBy: { slug: "asc" },
  });
  await signInAs(page, await createPerson({ level: "JUNIOR" }));
  await page.goto("/systems");
  await page.getByLabel("Search systems").fill(system.slug);
  await page.getByRole("link", { name: system.name }).click();
  await expect(page).toHaveURL(`/systems/${system.slug}`);
  await expect(page.getByRole("heading", { name: system.name })).toBeVisible();
  const approvers = page.getByRole("region", { name: "Any change to this tier-1 system" });
  await expect(approvers).toContainText("Tier 1 system: every approver must be SENIOR or above.");
  await expect(approvers).toContainText(`eligible: Senior, member of ${system.owningTeam.slug}`);
  const notEligible = approvers.getByText(/owners? who may not approve, and why/);
  await expect(approvers.getByText("excluded: JUNIOR below SENIOR").first()).toBeHidden();
  await notEligible.click();
  await expect(approvers.getByText("excluded: JUNIOR below SENIOR").first()).toBeVisible();
  await page.getByRole("link", { name: system.owningTeam.name }).first().click();
  await expect(page.getByRole("heading", { name: system.owningTeam.name })).toBeVisible();
  await expect(page.getByRole("table", { name: "Members" })).toBeVisible();
});

test("the people directory filters by level", async ({ page, createPerson }) => {
  await signInAs(page, await createPerson());
  await page.goto("/people");
  await page.getByLabel("Level").selectOption("PRINCIPAL");
  await expect(page).toHaveURL(/level=PRINCIPAL/);
  const rows = page.getByRole("table", { name: "People" }).locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allInnerTexts()) expect(text).toContain("Principal");
});
