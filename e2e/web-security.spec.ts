// The web edge as an attacker meets it (issue 13): a forged approval from another port, a framed
// change page, a borrowed demo session, an open redirect, a 403 behind a loading state, the
// security headers, and a sign-in opened at another host.
import { request } from "node:http";
import type { Page } from "@playwright/test";
import {
  test,
  expect,
  signInAs,
  checkoutChange,
  SAME_ORIGIN,
  DEMO_OFF_URL,
  type TestPerson,
} from "./fixtures";
import { serveAttacker } from "./attacker";

const PORTAL = SAME_ORIGIN.origin;
const ATTACKER_PORT = Number(process.env.E2E_PORT ?? 3100) + 90;

/** A pending change on the checkout system, submitted through the API by a fresh author. */
async function pendingChange(page: Page, author: TestPerson): Promise<string> {
  await signInAs(page, author);
  const response = await page.request.post("/api/v1/changes", {
    headers: SAME_ORIGIN,
    data: checkoutChange(),
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { key: string }).key;
}

const approval = {
  revision: 1,
  decision: "APPROVE",
  attestation: "I read every line of this change and it does what it says.",
};

test("a page on another port cannot make a signed-in senior approve (fetch no-cors, text/plain, form)", async ({
  page,
  db,
  createPerson,
}) => {
  const author = await createPerson({ level: "JUNIOR", teamSlug: "checkout" });
  const key = await pendingChange(page, author);
  const senior = await createPerson({ level: "SENIOR", teamSlug: "checkout" });
  await signInAs(page, senior);
  const target = `${PORTAL}/api/v1/changes/${key}/reviews`;
  const body = JSON.stringify(approval);
  const field = JSON.stringify({ ...approval, pad: "" }).slice(0, -2);
  const attacker = await serveAttacker(
    ATTACKER_PORT,
    `<!doctype html><title>Cute cats</title>
<form id="f" method="POST" action="${target}" enctype="text/plain" target="sink">
  <input name='${field}' value='"}'>
</form>
<iframe name="sink"></iframe>
<script>
  const send = (type) => fetch(${JSON.stringify(target)}, {
    method: "POST", mode: "no-cors", credentials: "include",
    headers: { "content-type": type }, body: ${JSON.stringify(body)},
  });
  Promise.all([send("text/plain; application/json"), send("text/plain")]).finally(() => {
    document.getElementById("f").submit();
  });
</script>`,
  );
  try {
    // The browser sends all three (the cookie goes along: same site); it may hide the answers
    // (Cross-Origin-Resource-Policy), so what counts is that each request ended and nothing changed.
    let sent = 0;
    let ended = 0;
    page.on("request", (r) => {
      if (r.url() === target && r.method() === "POST") sent++;
    });
    const end = (r: { url(): string }) => {
      if (r.url() === target) ended++;
    };
    page.on("requestfinished", end);
    page.on("requestfailed", end);
    await page.goto(attacker.url);
    await expect.poll(() => [sent, ended]).toEqual([3, 3]);
  } finally {
    await attacker.close();
  }
  const change = await db.changeRequest.findUniqueOrThrow({ where: { key } });
  expect(change.status).toBe("PENDING");
  expect(await db.review.count({ where: { changeId: change.id } })).toBe(0);

  // The same request from the portal's own page is an approval: the forgery failed only for its origin.
  await page.goto(`/changes/${key}`);
  const own = await page.evaluate(
    async ([url, json]) =>
      (
        await fetch(url!, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: json,
        })
      ).status,
    [target, body],
  );
  expect(own).toBe(201);
  expect(await db.review.count({ where: { changeId: change.id } })).toBe(1);
});

test("another origin cannot frame the change page", async ({ page, createPerson }) => {
  const author = await createPerson({ level: "JUNIOR", teamSlug: "checkout" });
  const key = await pendingChange(page, author);
  await signInAs(page, await createPerson({ level: "SENIOR", teamSlug: "checkout" }));
  const attacker = await serveAttacker(
    ATTACKER_PORT + 1,
    `<!doctype html><title>Win a prize</title><iframe id="victim" src="${PORTAL}/changes/${key}" width="1200" height="800"></iframe>`,
  );
  try {
    const framed = page.waitForResponse(`${PORTAL}/changes/${key}`);
    await page.goto(attacker.url);
    const response = await framed;
    expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(response.headers()["x-frame-options"]).toBe("DENY");
    // Chromium refuses to render it: the frame never shows the portal's page.
    await expect
      .poll(() => page.frames().map((f) => f.url()))
      .toContainEqual(expect.stringMatching(/^chrome-error:/));
    await expect(page.frameLocator("#victim").getByRole("button", { name: /Approve/ })).toHaveCount(
      0,
    );
  } finally {
    await attacker.close();
  }
});

test("the security headers are on a page, an API response and an error page; scripts run only with the nonce", async ({
  page,
  request,
  createPerson,
}) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await signInAs(page, await createPerson({ level: "SENIOR", teamSlug: "checkout" }));
  const pageResponse = await page.goto("/queue");
  // The queue is rendered and interactive: React hydrated under the policy.
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  const assigned = page
    .getByRole("navigation", { name: "Queue views" })
    .getByRole("button", { name: /Assigned to me/ });
  await assigned.click();
  await expect(assigned).toHaveAttribute("aria-current", "page");
  const csp = pageResponse!.headers()["content-security-policy"]!;
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  const scripts = await page
    .locator("script")
    .evaluateAll((nodes) => nodes.map((n) => (n as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  for (const n of scripts) expect(n).toBe(nonce);
  expect(violations).toEqual([]);

  const second = await request.get("/sign-in");
  expect(second.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);

  for (const response of [
    pageResponse!,
    await request.get("/api/health"),
    await request.get("/api/v1/no-such-route"),
    await request.get("/no-such-page"),
  ]) {
    const h = response.headers();
    expect(h["content-security-policy"], response.url()).toContain("frame-ancestors 'none'");
    expect(h["x-frame-options"], response.url()).toBe("DENY");
    expect(h["x-content-type-options"], response.url()).toBe("nosniff");
    expect(h["referrer-policy"], response.url()).toBe("same-origin");
    expect(h["permissions-policy"], response.url()).toContain("camera=()");
    // Plain HTTP here; Strict-Transport-Security is sent only behind HTTPS.
    expect(h["strict-transport-security"], response.url()).toBeUndefined();
  }
  const behindTls = await request.get("/api/health", { headers: { "x-forwarded-proto": "https" } });
  expect(behindTls.headers()["strict-transport-security"]).toBe(
    "max-age=31536000; includeSubDomains",
  );
  const unknownApi = await request.get("/api/v1/no-such-route");
  expect(unknownApi.status()).toBe(404);
  expect((await unknownApi.json()).error.code).toBe("NOT_FOUND");
});

test("a session minted in demo mode is refused where demo mode is off", async ({ page, db }) => {
  const admin = await db.user.findFirstOrThrow({
    where: { roles: { has: "ADMIN" }, active: true },
  });
  await signInAs(page, admin);
  expect((await page.request.get("/api/v1/queue")).status()).toBe(200);
  // The same cookie (same host, same secret, same database) on the demo-off instance.
  const borrowed = await page.request.get(`${DEMO_OFF_URL}/api/v1/queue`);
  expect(borrowed.status()).toBe(401);
  const session = await (await page.request.get(`${DEMO_OFF_URL}/api/auth/session`)).json();
  expect(session?.user).toBeUndefined();
  await page.goto(`${DEMO_OFF_URL}/admin`);
  await expect(page).toHaveURL(/\/sign-in/);
  const signIns = await db.auditEvent.findMany({
    where: { action: "auth.signed_in", subjectId: admin.id },
    orderBy: { seq: "desc" },
    take: 1,
  });
  expect(signIns[0]?.payload).toMatchObject({ provider: "demo" });
});

for (const hostile of [
  "/%5Cevil.example/phish",
  "/%09/evil.example",
  "//evil.example",
  "https://evil.example/",
]) {
  test(`sign-in never sends a signed-in person off-site: callbackUrl=${hostile}`, async ({
    page,
    createPerson,
  }) => {
    await signInAs(page, await createPerson({ level: "MID" }));
    const response = await page.request.get(`/sign-in?callbackUrl=${hostile}`, { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    const location = response.headers()["location"]!;
    expect(new URL(location, PORTAL).origin).toBe(PORTAL);
    expect(location).not.toMatch(/^\/[\\/\t]|evil/);
  });
}

test("a page with a loading state answers 403 to someone without the permission", async ({
  page,
  createPerson,
}) => {
  await signInAs(page, await createPerson({ level: "JUNIOR" }));
  for (const path of ["/dashboard", "/incidents"]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(403);
  }
  await page.goto("/dashboard");
  await expect(
    page.getByRole("heading", { name: "You don't have access to this page" }),
  ).toBeVisible();
});

test("sign-in opened at 127.0.0.1 says where the portal lives, with a link", async ({ page }) => {
  await page.goto(`${PORTAL.replace("localhost", "127.0.0.1")}/sign-in?callbackUrl=/queue`);
  const notice = page.getByRole("alert").filter({ hasText: /\S/ });
  await expect(notice).toContainText(`Countersign lives at ${PORTAL}`);
  await expect(page.getByRole("button", { name: /^Sign in as / })).toHaveCount(0);
  await notice.getByRole("link", { name: `Sign in at ${PORTAL}` }).click();
  await expect(page).toHaveURL(`${PORTAL}/sign-in?callbackUrl=%2Fqueue`);
  await expect(page.getByRole("button", { name: /^Sign in as / }).first()).toBeVisible();
});

test("a chunked body past the limit is answered 413 long before it ends", async ({
  page,
  createPerson,
}) => {
  await signInAs(page, await createPerson({ level: "MID" }));
  const cookies = await page.context().cookies(PORTAL);
  const url = new URL(`${PORTAL}/api/v1/routing/preview`);
  // No Content-Length: the server learns the size only by reading. Keep writing until it answers.
  const { status, body, written } = await new Promise<{
    status: number;
    body: string;
    written: number;
  }>((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: {
          ...SAME_ORIGIN,
          "content-type": "application/json",
          "transfer-encoding": "chunked",
          cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; "),
        },
      },
      (res) => {
        answered = true;
        const at = written;
        let text = "";
        res.on("data", (d: Buffer) => (text += d.toString()));
        res.on("end", () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body: text, written: at });
        });
      },
    );
    req.on("error", (e) => (answered ? undefined : reject(e)));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!answered && written < 256 * 1024 * 1024) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
  expect(status).toBe(413);
  expect(JSON.parse(body).error.code).toBe("PAYLOAD_TOO_LARGE");
  // The limit is 1 MB; socket buffers hold a few more. Reading it whole would take all 256 MB.
  expect(written).toBeLessThan(32 * 1024 * 1024);
});

// Pages only ever answer GET and HEAD here (no server actions). A write to a page, such as the
// multipart POST to "/api/.." (which URL parsing turns into "/") found by the hostile-input run,
// gets a JSON 405 rather than Next.js's plain-text "failed to find server action".
test("a write to a page is refused 405 in the JSON error shape", async ({ page, createPerson }) => {
  await signInAs(page, await createPerson({ level: "MID" }));
  for (const [path, contentType] of [
    ["/api/..?%", "multipart/form-data; boundary=x"],
    ["/queue", "application/x-www-form-urlencoded"],
    ["/", "text/plain"],
  ] as const) {
    const response = await page.request.post(path, {
      headers: { ...SAME_ORIGIN, "content-type": contentType, "next-action": "abc" },
      data: Buffer.from("--x\r\ncontent-disposition: form-data; name=a\r\n\r\n1\r\n--x--\r\n"),
      maxRedirects: 0,
      failOnStatusCode: false,
    });
    expect(response.status(), path).toBe(405);
    expect(response.headers()["allow"]).toBe("GET, HEAD");
    const body = (await response.json()) as { error: { code: string } };
    expect(body.error.code).toBe("METHOD_NOT_ALLOWED");
  }
});
