import { test, expect, DEMO_OFF_URL } from "./fixtures";

test.describe("with demo mode off", () => {
  test("the sign-in page has no demo sign-in", async ({ page }) => {
    await page.goto(`${DEMO_OFF_URL}/sign-in`);
    await expect(page.getByRole("heading", { name: "Sign in to Countersign" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Demo sign-in" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Sign in as / })).toHaveCount(0);
    await expect(page.getByText("No sign-in method is configured")).toBeVisible();
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
});
