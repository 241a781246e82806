import { test, expect, signInAs, SAME_ORIGIN } from "./fixtures";

test("a junior cannot reach an admin edit, in the UI or by a direct request", async ({
  page,
  createPerson,
  db,
}) => {
  const system = await db.system.findFirstOrThrow({
    where: { tier: 3 },
    orderBy: { slug: "desc" },
  });
  await signInAs(page, await createPerson({ level: "JUNIOR" }));
  await page.goto(`/systems/${system.slug}`);
  await expect(page.getByRole("heading", { name: system.name })).toBeVisible();
  await expect(page.getByRole("button", { name: "Edit system" })).toHaveCount(0);

  const response = await page.request.patch(`/api/v1/systems/${system.slug}`, {
    headers: SAME_ORIGIN,
    data: { tier: 1 },
  });
  expect(response.status()).toBe(403);
  expect((await response.json()).error.code).toBe("FORBIDDEN");
  expect((await db.system.findUniqueOrThrow({ where: { id: system.id } })).tier).toBe(3);

  const adminPage = await page.goto("/admin");
  expect(adminPage?.status()).toBe(403);
  await expect(
    page.getByRole("heading", { name: "You don't have access to this page" }),
  ).toBeVisible();
});

test("an unsigned request to the admin API gets 401 and changes nothing", async ({
  request,
  db,
}) => {
  const system = await db.system.findFirstOrThrow({ where: { tier: 2 } });
  const response = await request.patch(`/api/v1/systems/${system.slug}`, {
    headers: SAME_ORIGIN,
    data: { tier: 1 },
  });
  expect(response.status()).toBe(401);
  expect((await db.system.findUniqueOrThrow({ where: { id: system.id } })).tier).toBe(2);
});

test("an admin edits a system's tier after confirming what it means", async ({
  page,
  createPerson,
  db,
}) => {
  const system = await db.system.findFirstOrThrow({ where: { tier: 3 }, orderBy: { slug: "asc" } });
  await signInAs(page, await createPerson({ level: "SENIOR", roles: ["ADMIN"] }));
  await page.goto(`/systems/${system.slug}`);
  await page.getByRole("button", { name: "Edit system" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit system" });
  await dialog.getByLabel("Tier").selectOption("1");
  await dialog.getByRole("button", { name: "Review changes" }).click();
  const confirm = page.getByRole("dialog", { name: "Confirm changes" });
  await expect(confirm).toContainText(
    "Tier 3 → 1: future changes need two distinct SENIOR+ approvals",
  );
  await confirm.getByRole("button", { name: "Confirm and save" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("heading", { name: system.name })).toContainText("Tier 1");
  expect((await db.system.findUniqueOrThrow({ where: { id: system.id } })).tier).toBe(1);
  await db.system.update({ where: { id: system.id }, data: { tier: 3 } });
});

test("an admin's bad input is refused with the field named, and nothing changes", async ({
  page,
  createPerson,
  db,
}) => {
  const system = await db.system.findFirstOrThrow({
    where: { tier: 2 },
    orderBy: { slug: "desc" },
  });
  await signInAs(page, await createPerson({ level: "SENIOR", roles: ["ADMIN"] }));
  for (const [body, field] of [
    [{ tier: 9 }, "tier"],
    [{ owningTeam: "no-such-team" }, "owningTeam"],
    [{ extraApprovers: { users: ["nobody.here"], teams: [] } }, "extraApprovers.users.0"],
  ] as const) {
    const response = await page.request.patch(`/api/v1/systems/${system.slug}`, {
      headers: SAME_ORIGIN,
      data: body,
    });
    expect(response.status()).toBe(400);
    const error = (await response.json()).error;
    expect(error.code).toBe("VALIDATION");
    expect(error.details.map((d: { field: string }) => d.field)).toContain(field);
  }
  const malformed = await page.request.patch(`/api/v1/systems/${system.slug}`, {
    headers: { ...SAME_ORIGIN, "content-type": "application/json" },
    data: "{not json",
  });
  expect(malformed.status()).toBe(400);
  expect((await db.system.findUniqueOrThrow({ where: { id: system.id } })).tier).toBe(2);
});
