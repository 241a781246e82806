import { test, expect, signInAs, review, type TestPerson, SAME_ORIGIN } from "./fixtures";
import type { Page } from "@playwright/test";
import { receivedMail } from "./mailbox";
import { FIRST, SECOND, diff } from "./card-retry";

async function submitChange(page: Page, author: TestPerson) {
  await signInAs(page, author);
  await page.goto("/changes/new");
  await page.getByLabel("Title").fill("Retry card authorisation once, with jitter");
  await page
    .getByLabel("Intent: why this change?")
    .fill("Card authorisations time out at peak; one jittered retry recovers most of them.");
  await page.getByLabel("Repository").fill("acme/storefront");
  await page.getByLabel("Unified diff (recommended)").fill(diff(FIRST));
  await page.getByRole("radio", { name: /Generated/ }).check();
  await page.getByLabel("Tools").fill("Claude Code");
  await page.getByLabel("Which parts did the AI write?").fill("The retry helper.");
  await expect(
    page.getByRole("complementary", { name: "Routing preview" }).getByText("Live preview"),
  ).toBeVisible();
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page).toHaveURL(/\/changes\/CR-\d+$/);
  return page.url().split("/").pop()!;
}

test("a junior's AI-assisted tier-1 change: changes requested, revised, approved by two seniors, deployed; the e-mails arrive", async ({
  page,
  createPerson,
}) => {
  test.setTimeout(120_000);
  const junior = await createPerson({ level: "JUNIOR", teamSlug: "cart" });
  const seniorA = await createPerson({ level: "SENIOR", teamSlug: "checkout" });
  const seniorB = await createPerson({ level: "SENIOR", teamSlug: "checkout" });
  const key = await submitChange(page, junior);

  await signInAs(page, seniorA);
  await review(page, key, "Request changes", "Add jitter so retries do not stampede the gateway.");
  await expect(page.getByText("Changes requested", { exact: true }).first()).toBeVisible();

  await signInAs(page, junior);
  await page.goto(`/changes/${key}`);
  await page.getByRole("button", { name: "Upload new revision" }).click();
  const dialog = page.getByRole("dialog", { name: "Upload a new revision" });
  await dialog.getByLabel("Unified diff of the whole change").fill(diff(SECOND));
  await dialog.getByLabel("What changed since the last revision?").fill("Added jitter.");
  await dialog.getByRole("button", { name: "Upload revision" }).click();
  await expect(page.getByText("Awaiting review").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Files changed in revision 2" })).toBeVisible();

  await signInAs(page, seniorA);
  await review(page, key, "Approve", "Jitter added as asked; read every line and the tests.");
  // One of two approvals: the toast and the requirement say who signed and what is still needed.
  const progress = `1 of 2 approvals (${seniorA.name} ✓), 1 more SENIOR+ needed`;
  await expect(page.getByRole("status").filter({ hasText: "Review recorded" })).toContainText(
    progress,
  );
  await expect(page.getByTestId(/^progress-/).first()).toHaveText(progress);
  await signInAs(page, seniorB);
  await review(page, key, "Approve", "Checked the retry is bounded to one attempt; safe to ship.");
  await expect(page.getByText("Approved", { exact: true }).first()).toBeVisible();

  await signInAs(page, junior);
  await page.goto(`/changes/${key}`);
  await expect(
    page.getByRole("status").filter({ hasText: "Every requirement is satisfied" }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Mark deployed" }).click();
  const deployDialog = page.getByRole("dialog", { name: `Mark ${key} deployed` });
  await expect(deployDialog.getByLabel("Environment")).toHaveValue("production");
  await deployDialog.getByLabel("Commit (optional)").fill("3f9a2c1d");
  await page.screenshot({ path: "test-results/screenshots/deploy-dialog.png" });
  await deployDialog.getByRole("button", { name: "Record deployment" }).click();
  await expect(page.getByText("Deployed", { exact: true }).first()).toBeVisible();

  // The notification e-mails reached the test SMTP server, with the right recipients and link.
  await expect
    .poll(() => receivedMail().filter((m) => m.subject.includes(key)).length, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(3);
  const mails = receivedMail().filter((m) => m.subject.includes(key));
  const toJunior = mails.filter((m) => m.to.includes(`${junior.handle}@test.example`));
  expect(toJunior.map((m) => m.subject)).toEqual(
    expect.arrayContaining([
      `[Countersign] Changes requested on ${key}`,
      `[Countersign] ${key} is approved`,
    ]),
  );
  expect(toJunior[0]!.body).toContain(`/changes/${key}`);
  expect(
    mails.some(
      (m) =>
        m.subject === `[Countersign] New revision of ${key}` &&
        m.to.includes(`${seniorA.handle}@test.example`),
    ),
  ).toBe(true);
});

test("a senior who does not own the system sees no actions and is refused; an author cannot approve their own change, even as a SENIOR", async ({
  page,
  createPerson,
  db,
}) => {
  const junior = await createPerson({ level: "JUNIOR", teamSlug: "cart" });
  const key = await submitChange(page, junior);
  const outsider = await createPerson({ level: "PRINCIPAL", teamSlug: "ads" });
  await signInAs(page, outsider);
  await page.goto(`/changes/${key}`);
  const panel = page.getByRole("region", { name: "Your review" });
  await expect(panel).toContainText("You are not an eligible reviewer");
  await expect(panel.getByRole("button")).toHaveCount(0);
  const direct = await page.request.post(`/api/v1/changes/${key}/reviews`, {
    headers: SAME_ORIGIN,
    data: {
      revision: 1,
      decision: "APPROVE",
      attestation: "I am not an owner but let me try.",
      secondsSpent: 500,
    },
  });
  expect([403, 404]).toContain(direct.status());
  expect(await db.review.count({ where: { change: { key } } })).toBe(0);

  const seniorAuthor = await createPerson({ level: "SENIOR", teamSlug: "checkout" });
  const own = await submitChange(page, seniorAuthor);
  await page.goto(`/changes/${own}`);
  await expect(page.getByRole("region", { name: "Your review" })).toContainText(
    "You are not an eligible reviewer: author.",
  );
  const self = await page.request.post(`/api/v1/changes/${own}/reviews`, {
    headers: SAME_ORIGIN,
    data: {
      revision: 1,
      decision: "APPROVE",
      attestation: "Approving my own work, which must fail.",
      secondsSpent: 500,
    },
  });
  expect(self.status()).toBe(403);
  expect((await self.json()).error.message).toMatch(/author/);
});

test("an approval of an old revision gets a 409 and a clear message", async ({
  page,
  createPerson,
}) => {
  const junior = await createPerson({ level: "JUNIOR", teamSlug: "cart" });
  const key = await submitChange(page, junior);
  await page.request.post(`/api/v1/changes/${key}/revisions`, {
    headers: SAME_ORIGIN,
    data: { diff: diff(SECOND), note: "jitter" },
  });
  const senior = await createPerson({ level: "SENIOR", teamSlug: "checkout" });
  await signInAs(page, senior);
  const stale = await page.request.post(`/api/v1/changes/${key}/reviews`, {
    headers: SAME_ORIGIN,
    data: {
      revision: 1,
      decision: "APPROVE",
      attestation: "Reviewed the first version carefully.",
      secondsSpent: 500,
    },
  });
  expect(stale.status()).toBe(409);
  expect((await stale.json()).error.message).toMatch(/newer revision \(2\)/);
});

test("the queue: assigned first, filters in the URL, j/k and Enter", async ({ page, db }) => {
  const [busiest] = await db.assignment.groupBy({
    by: ["reviewerId"],
    where: { state: "OPEN", reviewer: { roles: { isEmpty: true } } },
    _count: { reviewerId: true },
    orderBy: { _count: { reviewerId: "desc" } },
    take: 1,
  });
  const senior = await db.user.findUniqueOrThrow({ where: { id: busiest!.reviewerId } });
  await signInAs(page, senior);
  await page.goto("/");
  await expect(page).toHaveURL(/\/queue$/);
  const queue = page.getByRole("list", { name: "Queue" });
  await expect(queue.getByRole("listitem").first()).toContainText("assigned to you");
  await expect(page.getByText(/j.*k.*to move/)).toBeVisible();
  await page.getByLabel("Tier").selectOption("1");
  await expect(page).toHaveURL(/tier=1/);
  await page.getByRole("button", { name: /^Assigned to me/ }).click();
  await expect(page).toHaveURL(/show=assigned/);
  await page.getByRole("button", { name: /^All/ }).click();
  await page.getByLabel("Tier").selectOption("");
  await expect(queue.getByRole("listitem").first()).toBeVisible();
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("j");
  await expect(queue.getByRole("listitem").nth(1)).toHaveAttribute("aria-current", "true");
  const second = await queue
    .getByRole("listitem")
    .nth(1)
    .getByRole("link")
    .first()
    .getAttribute("href");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(second!);
});
