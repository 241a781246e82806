// With demo mode off, people sign in through single sign-on: a real OpenID Connect provider
// (e2e/oidc-provider.ts) in front of the demo-off server, limited to 3 sign-ins per account.
import type { Page } from "@playwright/test";
import { test, expect, DEMO_OFF_URL } from "./fixtures";

async function signInWithSso(page: Page, email: string) {
  await page.goto(`${DEMO_OFF_URL}/sign-in`);
  await page.getByRole("button", { name: "Sign in with Acme SSO" }).click();
  // Off to the provider, or back at once (already signed in there, or refused with ?error=).
  await page.waitForURL(
    (url) =>
      url.origin !== DEMO_OFF_URL || url.pathname !== "/sign-in" || url.search.includes("error="),
  );
  const login = page.locator('input[name="login"]');
  if (await login.isVisible().catch(() => false)) {
    await login.fill(email);
    await page.locator('input[name="password"]').fill("any password");
    await page.getByRole("button", { name: "Sign-in" }).click();
  }
  const consent = page.getByRole("button", { name: "Continue" });
  await consent.or(page.locator("main")).first().waitFor();
  if (await consent.isVisible().catch(() => false)) await consent.click();
  await page.waitForURL((url) => url.origin === DEMO_OFF_URL);
}

test.describe("with demo mode off", () => {
  test("the sign-in page offers single sign-on and no demo sign-in", async ({ page }) => {
    await page.goto(`${DEMO_OFF_URL}/sign-in`);
    await expect(page.getByRole("heading", { name: "Sign in to Countersign" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign in with Acme SSO" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Demo sign-in" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Sign in as / })).toHaveCount(0);
  });

  test("calling the demo sign-in directly does not sign anyone in", async ({ page, db }) => {
    const admin = await db.user.findFirstOrThrow({ where: { roles: { has: "ADMIN" } } });
    const csrf = await (await page.request.get(`${DEMO_OFF_URL}/api/auth/csrf`)).json();
    const response = await page.request.post(`${DEMO_OFF_URL}/api/auth/callback/demo`, {
      form: {
        csrfToken: csrf.csrfToken,
        userId: admin.id,
        callbackUrl: `${DEMO_OFF_URL}/`,
        json: "true",
      },
      maxRedirects: 0,
    });
    expect(response.status()).toBeGreaterThanOrEqual(300);
    const session = await (await page.request.get(`${DEMO_OFF_URL}/api/auth/session`)).json();
    expect(session?.user).toBeUndefined();
    const providers = await (await page.request.get(`${DEMO_OFF_URL}/api/auth/providers`)).json();
    expect(Object.keys(providers ?? {})).not.toContain("demo");
    await page.goto(`${DEMO_OFF_URL}/admin`);
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("single sign-on maps the provider's e-mail to the person and their level", async ({
    page,
    db,
    createPerson,
  }) => {
    const person = await createPerson({ level: "SENIOR", teamSlug: "checkout" });
    const email = (await db.user.findUniqueOrThrow({ where: { id: person.id } })).email;
    await signInWithSso(page, email.toUpperCase());
    await expect(page.getByTestId("whoami").getByText(person.name, { exact: true })).toBeVisible();
    await expect(page.getByTestId("whoami").getByText("Senior", { exact: true })).toBeVisible();
    const session = await (await page.request.get(`${DEMO_OFF_URL}/api/auth/session`)).json();
    expect(session.user).toMatchObject({ id: person.id, level: "SENIOR" });
    expect((await page.request.get(`${DEMO_OFF_URL}/api/v1/queue`)).status()).toBe(200);
    const signIn = await db.auditEvent.findFirst({
      where: { action: "auth.signed_in", subjectId: person.id },
    });
    expect(signIn?.payload).toMatchObject({ provider: "oidc" });
  });

  test("an unknown or deactivated e-mail gets a clear page, not a session", async ({
    page,
    db,
    createPerson,
  }) => {
    await signInWithSso(page, "nobody.here@elsewhere.example");
    await expect(page).toHaveURL(/\/sign-in\?error=AccessDenied/);
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText(
      "not in the Countersign directory",
    );

    const gone = await createPerson({ level: "MID" });
    const row = await db.user.update({ where: { id: gone.id }, data: { active: false } });
    await page.context().clearCookies();
    await signInWithSso(page, row.email);
    await expect(page).toHaveURL(/\/sign-in\?error=AccessDenied/);
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText("deactivated");
    const session = await (await page.request.get(`${DEMO_OFF_URL}/api/auth/session`)).json();
    expect(session?.user).toBeUndefined();
  });

  test("sign-ins are limited per account (3 here), stored in PostgreSQL", async ({
    page,
    db,
    createPerson,
  }) => {
    const person = await createPerson({ level: "MID" });
    const email = (await db.user.findUniqueOrThrow({ where: { id: person.id } })).email;
    for (let i = 0; i < 3; i++) {
      await signInWithSso(page, email);
      await expect(
        page.getByTestId("whoami").getByText(person.name, { exact: true }),
      ).toBeVisible();
      await page.context().clearCookies({ name: "next-auth.session-token" });
    }
    await signInWithSso(page, email);
    await expect(page).toHaveURL(/\/sign-in\?error=RateLimited/);
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText(
      "Too many sign-in attempts",
    );
    const counted = await db.rateCounter.findFirstOrThrow({
      where: { bucket: `account:${email.toLowerCase()}` },
    });
    expect(counted.count).toBe(4);
  });
});
