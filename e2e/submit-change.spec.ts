import { test, expect, signInAs, SAME_ORIGIN } from "./fixtures";

const DIFF = `diff --git a/apps/web/checkout/payment-retry.ts b/apps/web/checkout/payment-retry.ts
new file mode 100644
index 0000000..1a2b3c4
--- /dev/null
+++ b/apps/web/checkout/payment-retry.ts
@@ -0,0 +1,7 @@
+// Retry a card authorisation once after a timeout, with jitter.
+export async function authoriseWithRetry(authorise: () => Promise<boolean>): Promise<boolean> {
+  try { return await authorise(); } catch {
+    await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
+    return authorise();
+  }
+}
`;

test("a junior submits an AI-assisted tier-1 change, watches the live preview, and the change names two SENIOR+ owners with reasons", async ({
  page,
  createPerson,
  db,
}) => {
  const junior = await createPerson({ level: "JUNIOR", teamSlug: "cart" });
  const coAuthor = await createPerson({ level: "SENIOR", teamSlug: "checkout" });
  await signInAs(page, junior);
  await page.goto("/changes/new");
  await expect(page.getByRole("heading", { name: "New change" })).toBeVisible();

  await page.getByLabel("Title").fill("Retry card authorisation once on timeout");
  await page
    .getByLabel("Intent: why this change?")
    .fill(
      "Card authorisations time out at peak and customers see a failed checkout; one jittered retry recovers most of them.",
    );
  // Repositories and co-authors are suggested as the author types (GET /api/v1/repositories,
  // /people), not carried in the page for a whole organisation.
  await expect(page.locator("#repositories option")).toHaveCount(0);
  await page.getByLabel("Repository").fill("acme/store");
  await expect(page.locator("#repositories option").first()).toHaveAttribute(
    "value",
    "acme/storefront",
  );
  await page.getByLabel("Repository").fill("acme/storefront");
  await page.getByLabel("Unified diff (recommended)").fill(DIFF);
  await page.getByRole("radio", { name: /Generated/ }).check();
  await page.getByLabel("Tools").fill("Claude Code");
  await page
    .getByLabel("Which parts did the AI write?")
    .fill("The retry helper; I wrote the call site.");
  await page.getByLabel("Co-authors", { exact: true }).fill(`@${coAuthor.handle.slice(0, -1)}`);
  await expect(page.locator("#coAuthors-suggestions option").first()).toHaveAttribute(
    "value",
    coAuthor.handle,
  );
  await page.getByLabel("Co-authors", { exact: true }).fill(coAuthor.handle);
  await page.getByRole("button", { name: "Add" }).first().click();

  const preview = page.getByRole("complementary", { name: "Routing preview" });
  await expect(preview.getByText("Live preview")).toBeVisible();
  const requirement = preview.getByRole("region", { name: /^Requirement for checkout-/ });
  await expect(requirement).toContainText("2 approvals, SENIOR+");
  await expect(requirement).toContainText("Tier 1: 2 approvals");
  await expect(
    preview.getByRole("region", { name: "Reviewers who would be assigned" }).getByRole("listitem"),
  ).toHaveCount(2);
  await expect(preview.getByRole("region", { name: "Estimate" })).toContainText(
    "First review in about",
  );
  // The author and the co-author are never candidates.
  await requirement.getByText(/show who and why/).click();
  await expect(requirement.getByRole("list", { name: /^Candidates for/ })).toContainText(
    `@${coAuthor.handle}`,
  );
  await expect(requirement.getByRole("list", { name: /^Candidates for/ })).toContainText(
    "excluded: co-author",
  );
  await expect(requirement.getByRole("list", { name: /^Candidates for/ })).not.toContainText(
    `@${junior.handle}`,
  );

  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page).toHaveURL(/\/changes\/CR-\d+$/);
  await expect(page.getByText("Awaiting review")).toBeVisible();
  const reviewers = page.getByRole("list", { name: "Assigned reviewers" }).getByRole("listitem");
  await expect(reviewers).toHaveCount(2);
  for (const text of await reviewers.allInnerTexts()) {
    expect(text).toMatch(/Senior|Principal/);
    expect(text).toMatch(/lowest review load|PRINCIPAL required/);
    expect(text).not.toContain(coAuthor.handle);
  }
  const key = page.url().split("/").pop()!;
  const change = await db.changeRequest.findUniqueOrThrow({
    where: { key },
    include: { assignments: true },
  });
  expect(change.assignments.map((a) => a.reviewerId)).not.toContain(coAuthor.id);
  expect(change.assignments.map((a) => a.reviewerId)).not.toContain(junior.id);
});

test("a diff that drops a table shows the hit and asks for a PRINCIPAL", async ({
  page,
  createPerson,
}) => {
  await signInAs(page, await createPerson({ level: "MID" }));
  await page.goto("/changes/new");
  await page.getByLabel("Repository").fill("acme/payments-platform");
  await page.getByRole("radio", { name: /^None/ }).check();
  await page
    .getByLabel("Unified diff (recommended)")
    .fill(
      "--- a/db/migrations/0042_drop_legacy.sql\n+++ b/db/migrations/0042_drop_legacy.sql\n@@ -1,1 +1,2 @@\n -- legacy\n+DROP TABLE legacy_payments;\n",
    );
  const preview = page.getByRole("complementary", { name: "Routing preview" });
  await expect(preview.getByRole("region", { name: "Detected risks" })).toContainText(
    "db/migrations/0042_drop_legacy.sql:2",
  );
  await expect(preview.getByText(/one PRINCIPAL/).first()).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /Data deletion/ })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: /Data deletion/ })).toBeDisabled();
});

test("bad input is refused with the fields named, and nothing is saved", async ({
  page,
  createPerson,
  db,
}) => {
  const author = await createPerson({ level: "JUNIOR" });
  await signInAs(page, author);
  await page.goto("/changes/new");
  await page.getByLabel("Title").fill("Half-finished");
  await page.getByLabel("Repository").fill("acme/does-not-exist");
  await page.getByLabel("Unified diff (recommended)").fill("not a diff");
  await page.getByRole("button", { name: "Submit for review" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Nothing was saved" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText("Intent: is required");
  await expect(alert).toContainText("Diff: not a unified diff");
  // The AI extent has no default: an author who has not chosen is told to.
  await expect(alert).toContainText("AI extent: choose how much of the change an AI wrote");
  await expect(page.getByLabel("Intent: why this change?")).toHaveAttribute("aria-invalid", "true");
  expect(await db.changeRequest.count({ where: { authorId: author.id } })).toBe(0);

  // Direct requests: a 6 MB diff and an unknown repository.
  const big = await page.request.post("/api/v1/changes", {
    headers: SAME_ORIGIN,
    data: {
      title: "Huge",
      intent: "x".repeat(30),
      repository: "acme/storefront",
      aiExtent: "NONE",
      submit: true,
      diff: "+".repeat(6 * 1024 * 1024),
    },
  });
  expect(big.status()).toBe(400);
  expect((await big.json()).error.details).toContainEqual(
    expect.objectContaining({ field: "diff", message: expect.stringMatching(/larger than 5 MB/) }),
  );
  const unknown = await page.request.post("/api/v1/changes", {
    headers: SAME_ORIGIN,
    data: {
      title: "Nowhere",
      intent: "y".repeat(30),
      repository: "acme/nowhere",
      aiExtent: "NONE",
      submit: true,
      paths: ["a"],
      linesChanged: 1,
    },
  });
  expect(unknown.status()).toBe(400);
  expect((await unknown.json()).error.details[0].field).toBe("repository");
  expect(await db.changeRequest.count({ where: { authorId: author.id } })).toBe(0);
});

test("a draft is saved, listed, and continued", async ({ page, createPerson }) => {
  await signInAs(page, await createPerson({ level: "MID" }));
  await page.goto("/changes/new");
  await page.getByLabel("Title").fill("Draft: rename the cart events");
  await page.getByLabel("Repository").fill("acme/storefront");
  await page.getByRole("radio", { name: /^None/ }).check();
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/changes\/CR-\d+$/);
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "My changes" })
    .click();
  await expect(page.getByRole("table", { name: "My changes" })).toContainText(
    "Draft: rename the cart events",
  );
  await page.getByRole("link", { name: /Draft: rename the cart events/ }).click();
  await page.getByRole("link", { name: "Continue editing" }).click();
  await expect(page.getByLabel("Title")).toHaveValue("Draft: rename the cart events");
});
