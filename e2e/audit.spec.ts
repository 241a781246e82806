import { readFileSync } from "node:fs";
import { test, expect, signInAs, SAME_ORIGIN } from "./fixtures";

test("an admin's edit shows on the system's history and in the audit trail, which filters, verifies and exports", async ({
  page,
  createPerson,
  db,
}) => {
  const admin = await createPerson({ level: "PRINCIPAL", roles: ["ADMIN"] });
  const system = await db.system.findFirstOrThrow({
    where: { tier: 2 },
    orderBy: { slug: "asc" },
    skip: 3,
  });
  await signInAs(page, admin);

  const response = await page.request.patch(`/api/v1/systems/${system.slug}`, {
    headers: SAME_ORIGIN,
    data: { tier: 1 },
  });
  expect(response.ok()).toBe(true);
  await page.goto(`/systems/${system.slug}`);
  const history = page
    .getByRole("region", { name: "History" })
    .or(page.locator("section", { has: page.getByRole("heading", { name: "History" }) }));
  await expect(history).toContainText(`${admin.name} (@${admin.handle}) updated system`);
  await expect(history.getByRole("table", { name: "Changed fields" })).toContainText("tier");

  await history.getByRole("link", { name: "Full history in the audit trail →" }).click();
  await expect(page).toHaveURL(`/audit?subject=${system.slug}`);
  const events = page.getByRole("list", { name: "Audit events" });
  await expect(events.getByRole("listitem")).toHaveCount(1);
  await events.getByRole("listitem").first().locator("summary").click();
  await expect(events.getByRole("table", { name: "Changed fields" })).toContainText("tier");

  await page.getByLabel("Actor").fill(`@${admin.handle}`);
  await page.getByLabel("Subject").fill("");
  await page.getByLabel("Action").selectOption("auth.signed_in");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/actor=%40/);
  await expect(page).toHaveURL(/action=auth.signed_in/);
  await expect(events.getByRole("listitem").first()).toContainText(admin.name);

  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByText(/Chain intact: [\d,]+ events/)).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const csv = readFileSync(file, "utf8");
  expect(csv.split("\n")[0]).toBe(
    "seq,at,actor_type,actor_id,actor_name,action,subject_type,subject_id,subject_label,change_key,payload,prev_hash,hash",
  );
  expect(csv).toContain("system.updated");
  // The export itself is recorded.
  await page.goto(`/audit?action=audit.exported&actor=%40${admin.handle}`);
  await expect(events.getByRole("listitem")).toHaveCount(1);
  await db.system.update({ where: { id: system.id }, data: { tier: 2 } });
});

test("a manager reads the audit trail but cannot verify; a junior is refused", async ({
  page,
  createPerson,
}) => {
  await signInAs(page, await createPerson({ level: "MID", roles: ["MANAGER"] }));
  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Audit trail", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Verify chain" })).toHaveCount(0);
  expect((await page.request.get("/api/v1/audit/verify")).status()).toBe(403);

  await signInAs(page, await createPerson({ level: "JUNIOR" }));
  const denied = await page.goto("/audit");
  expect(denied?.status()).toBe(403);
  expect((await page.request.get("/api/v1/audit/export?format=csv")).status()).toBe(403);
});

test("bad export parameters get a 400 naming the field", async ({ page, createPerson }) => {
  await signInAs(page, await createPerson({ level: "SENIOR", roles: ["ADMIN"] }));
  const response = await page.request.get("/api/v1/audit/export?format=xml&since=yesterday");
  expect(response.status()).toBe(400);
  const fields = (await response.json()).error.details.map((d: { field: string }) => d.field);
  expect(fields).toEqual(expect.arrayContaining(["format", "since"]));
});
