// The reviewer's workplace, as its people use it: conversations on the diff that carry over to the
// next revision, the AI session beside the code, and a second look at an approval.
import type { Page } from "@playwright/test";
import { test, expect, signInAs, review, type TestPerson } from "./fixtures";
import { FILE, SECOND, diff, submitCardRetry } from "./card-retry";

const shot = (name: string) => ({ path: `test-results/screenshots/${name}.png`, fullPage: true });

async function submit(page: Page, author: TestPerson) {
  await signInAs(page, author);
  return submitCardRetry(page);
}

async function commentOnLine(page: Page, line: number, text: string) {
  await page.getByRole("button", { name: `Comment on line ${line} of ${FILE}` }).click();
  const box = page.getByLabel(`Comment on ${FILE} line ${line}`);
  await box.fill(text);
  await page.getByRole("button", { name: "Add comment" }).click();
  await expect(
    page.getByRole("article", { name: new RegExp(`on ${FILE} line ${line}$`) }),
  ).toContainText(text);
}

test("threads on two lines, changes requested; the author answers, resolves one and revises; one thread carries over, the other is outdated; two seniors approve", async ({
  page,
  createPerson,
  db,
}) => {
  test.setTimeout(120_000);
  const junior = await createPerson({ level: "JUNIOR", teamSlug: "cart" });
  const seniorA = await createPerson({ level: "SENIOR", teamSlug: "checkout" });
  const seniorB = await createPerson({ level: "SENIOR", teamSlug: "checkout" });
  const key = await submit(page, junior);
  page.on("dialog", (d) => {
    throw new Error(`a dialog opened: ${d.message()}`);
  });

  await signInAs(page, seniorA);
  await page.goto(`/changes/${key}`);
  await commentOnLine(page, 1, `Keep this signature, @${seniorB.handle} agrees.`);
  await commentOnLine(page, 2, "Retrying at once stampedes the gateway: add jitter.");
  // A general comment carrying the security issue's payloads renders inert.
  const conversation = page.getByRole("region", { name: "Conversation" });
  await conversation
    .getByLabel("Comment on the change")
    .fill('Looks close. <img src=x onerror="alert(1)"> [x](javascript:alert(1))');
  await conversation.getByRole("button", { name: "Comment" }).click();
  await expect(conversation.getByRole("article").filter({ hasText: "Looks close." })).toBeVisible();
  await expect(conversation.locator("img")).toHaveCount(0);
  await expect(conversation.locator('a[href^="javascript"]')).toHaveCount(0);

  const panel = page.getByRole("region", { name: "Your review" });
  await panel.locator("label", { hasText: "Request changes" }).click();
  await expect(panel.getByRole("group", { name: "Point at open threads" })).toBeVisible();
  await panel.getByLabel("What needs to change?").fill("See the threads on lines 1 and 2.");
  await panel.getByRole("button", { name: "Request changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Review recorded" })).toBeVisible();
  const requested = await db.review.findFirstOrThrow({ where: { change: { key } } });
  expect(requested.threadIds).toHaveLength(3);
  expect(
    await db.notification.count({
      where: { userId: seniorB.id, kind: "MENTIONED", changeKey: key },
    }),
  ).toBe(1);

  // The author answers in the thread on line 2, resolves it, and uploads revision 2 with a note.
  await signInAs(page, junior);
  await page.goto(`/changes/${key}`);
  const onLine2 = page.getByRole("article", { name: new RegExp(`on ${FILE} line 2$`) });
  await onLine2.getByRole("button", { name: "Reply" }).click();
  await onLine2.getByLabel("Reply").fill("Added jitter in revision 2.");
  await onLine2.getByRole("button", { name: "Reply" }).click();
  await expect(onLine2.locator("p", { hasText: "Added jitter in revision 2." })).toBeVisible();
  await onLine2.getByRole("button", { name: "Resolve" }).click();
  await expect(onLine2.getByText(/^Resolved by/)).toBeVisible();
  await page.getByRole("button", { name: "Upload new revision" }).click();
  const dialog = page.getByRole("dialog", { name: "Upload a new revision" });
  await dialog.getByLabel("Unified diff of the whole change").fill(diff(SECOND));
  await dialog.getByLabel("What changed since the last revision?").fill("Jittered retry.");
  await dialog.getByRole("button", { name: "Upload revision" }).click();
  await expect(page.getByRole("heading", { name: "Files changed in revision 2" })).toBeVisible();
  await expect(page.getByText("What changed since the last review:")).toBeVisible();

  // Line 1 is unchanged: its thread is still under it in the diff. Line 2 is gone: outdated,
  // listed in the conversation with the line it was on.
  const file = page.getByRole("region", { name: `File ${FILE}` });
  await expect(file.getByRole("article", { name: new RegExp(`on ${FILE} line 1$`) })).toContainText(
    "Keep this signature",
  );
  const outdated = conversation.getByRole("article", { name: new RegExp(`on ${FILE} line 2$`) });
  await expect(outdated.getByText("Outdated")).toBeVisible();
  await outdated.getByRole("button", { name: /comments/ }).click();
  await expect(outdated.getByText("catch { return call(); }")).toBeVisible();
  await page.screenshot(shot("review-threads"));

  await signInAs(page, seniorA);
  await review(page, key, "Approve", "Jitter added as asked; read every line and the tests.");
  await signInAs(page, seniorB);
  await review(page, key, "Approve", "Checked the retry is bounded to one attempt; safe to ship.");
  await expect(page.getByText("Approved", { exact: true }).first()).toBeVisible();
  const history = page.getByRole("region", { name: "History" });
  await expect(history).toContainText(`${seniorB.name} approved revision 2`);
  await expect(history).toContainText(`${junior.name} uploaded revision 2: “Jittered retry.”`);
  await history.screenshot({ path: "test-results/screenshots/history.png" });
});

test("an attached AI session shows its prompts beside the code, secrets masked, and the AI-written hunks are marked", async ({
  page,
  createPerson,
}) => {
  const junior = await createPerson({ level: "JUNIOR", teamSlug: "cart" });
  const key = await submit(page, junior);
  await page.goto(`/changes/${key}`);
  const session = [
    {
      type: "user",
      sessionId: "s1",
      message: { role: "user", content: "Make card authorisation retry once on timeout." },
    },
    {
      type: "assistant",
      sessionId: "s1",
      message: {
        role: "assistant",
        content: [
          { type: "thinking", thinking: "A single retry bounds the extra load on the gateway." },
          { type: "text", text: "Wrapped the call in one retry." },
        ],
      },
    },
    {
      type: "user",
      sessionId: "s1",
      message: {
        role: "user",
        content: "Use token ghp_abcdefghijklmnopqrstuvwxyz0123456789 for CI",
      },
    },
  ];
  await page.getByLabel("Attach the AI session").setInputFiles({
    name: "session.jsonl",
    mimeType: "application/json",
    buffer: Buffer.from(session.map((l) => JSON.stringify(l)).join("\n")),
  });
  const panel = page.getByRole("complementary", { name: "AI session" });
  await expect(panel).toContainText("Make card authorisation retry once on timeout.");
  await expect(panel).toContainText("A single retry bounds the extra load on the gateway.");
  await expect(panel).toContainText("[masked GitHub token]");
  await expect(panel).not.toContainText("ghp_");
  await expect(panel).toContainText("Claude Code session");
  await expect(panel).not.toContainText("Wrapped the call in one retry.");
  await panel.getByLabel("Show replies and tool calls too").check();
  await expect(panel).toContainText("Wrapped the call in one retry.");
  const file = page.getByRole("region", { name: `File ${FILE}` });
  await expect(file.getByText("AI-written", { exact: true })).toBeVisible();
  await expect(file.getByText(/AI-written hunk \(per the disclosure\)/)).toBeVisible();
  await page.screenshot(shot("transcript-panel"));
});

test("a manager asks for a second look; the senior given it agrees; the dashboard counts it", async ({
  page,
  createPerson,
  db,
}) => {
  test.setTimeout(90_000);
  const junior = await createPerson({ level: "JUNIOR", teamSlug: "cart" });
  const seniorA = await createPerson({ level: "SENIOR", teamSlug: "checkout" });
  const seniorB = await createPerson({ level: "SENIOR", teamSlug: "checkout" });
  const manager = await createPerson({ level: "SENIOR", roles: ["MANAGER"] });
  const key = await submit(page, junior);
  await signInAs(page, seniorA);
  await review(page, key, "Approve", "Read every line and ran the tests locally.");
  await signInAs(page, seniorB);
  await review(page, key, "Approve", "Checked the retry is bounded; safe to ship.");

  await signInAs(page, manager);
  await page.goto(`/changes/${key}`);
  const card = page.getByRole("region", { name: "Second look" });
  await card.getByRole("button", { name: "Ask for a second look" }).click();
  await expect(card.getByText("Waiting")).toBeVisible();
  const look = await db.secondLook.findFirstOrThrow({ where: { change: { key } } });
  expect([seniorA.id, seniorB.id, junior.id]).not.toContain(look.reviewerId);

  await signInAs(page, { id: look.reviewerId });
  await page.goto(`/changes/${key}`);
  await page.getByLabel("Your notes").fill("The retry is bounded and idempotent.");
  await page.getByRole("button", { name: "Agree with the approval" }).click();
  await expect(page.getByRole("region", { name: "Second look" }).getByText("Agrees")).toBeVisible();

  await signInAs(page, manager);
  await page.goto("/dashboard");
  const byApprover = page.getByRole("table", { name: "Second looks by approver" });
  await expect(byApprover.getByRole("row", { name: new RegExp(seniorA.name) })).toContainText(
    "1 of 1 agreed",
  );
});
