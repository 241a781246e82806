// Where changes and incidents really live: a GitHub pull request and a GitLab merge request become
// change requests and carry countersign/sign-off; a PagerDuty incident lists its suspects. The code
// hosts are local stand-ins (lib/testing/code-hosts.ts) that record every call and can fail on
// demand; GitHub's payloads are @octokit/webhooks-examples' real ones, re-signed with the test's
// secret. The portal, its database and its job queue (the worker in scripts/e2e-server.ts) are real.
import { createHmac, randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import type { APIRequestContext, Page } from "@playwright/test";
import { startCodeHost, type CodeHostStandIn } from "../lib/testing/code-hosts";
import type { PrismaClient } from "../lib/generated/prisma/client";
import { test, expect, signInAs, review, SAME_ORIGIN, checkoutChange } from "./fixtures";

// The package is one JSON file: required, since Playwright's ESM loader wants an import attribute.
const examples = createRequire(import.meta.url)("@octokit/webhooks-examples") as unknown;
const hmac = (secret: string, text: string) =>
  createHmac("sha256", secret).update(text).digest("hex");

let host: CodeHostStandIn;
test.beforeAll(async () => {
  host = await startCodeHost();
});
test.afterAll(async () => host.close());

const BODY = `## Why
Card authorisations time out at peak; one retry recovers most of them.

## AI disclosure
- [ ] No AI wrote any of this change
- [ ] AI assisted (completions I reviewed line by line)
- [ ] AI generated parts of it
- [ ] An AI agent wrote most of it
`;
const diff = (
  line: string,
) => `diff --git a/apps/web/checkout/card-retry.ts b/apps/web/checkout/card-retry.ts
--- a/apps/web/checkout/card-retry.ts
+++ b/apps/web/checkout/card-retry.ts
@@ -1,2 +1,3 @@
 export const retries = 0;
+${line}
 export const jitter = true;
`;
const sha = () => randomUUID().replace(/-/g, "").padEnd(40, "0").slice(0, 40);

function example(action: string): Record<string, unknown> & {
  pull_request: Record<string, unknown>;
  repository: Record<string, unknown>;
} {
  const group = (examples as { name: string; examples: Record<string, unknown>[] }[]).find(
    (e) => e.name === "pull_request",
  )!;
  return structuredClone(group.examples.find((e) => e.action === action)!) as never;
}

/** Adds a connection in /admin/integrations as an admin would, and returns its secret. */
async function addConnection(
  page: Page,
  kind: "GitHub" | "GitLab" | "PagerDuty",
  name: string,
): Promise<{ secret: string; card: ReturnType<Page["getByRole"]> }> {
  await page.goto("/admin/integrations");
  const form = page.getByRole("region", { name: "Add a connection" });
  await form.getByLabel("Kind").selectOption({ label: kind });
  await form.getByLabel("Name").fill(name);
  if (kind !== "PagerDuty") {
    await form.getByLabel("API base URL").fill(host.url);
    await form.getByLabel("API token").fill("stand-in-token");
  }
  await form.getByRole("button", { name: "Generate" }).click();
  const secret = await form.getByLabel("Webhook secret").inputValue();
  expect(secret).toMatch(/^[0-9a-f]{48}$/);
  await form.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${name} is connected` })).toBeVisible();
  const card = page.getByRole("region", { name: new RegExp(`^${name}`) });
  await expect(card).toBeVisible();
  return { secret, card };
}

async function map(card: ReturnType<Page["getByRole"]>, from: string, to: string) {
  const codeHost = (await card.getByRole("button", { name: "Map repository" }).count()) > 0;
  await card.getByLabel(codeHost ? /^Repository on/ : "Service id").fill(from);
  await card.getByLabel(codeHost ? "Countersign repository" : "System").fill(to);
  await card.getByRole("button", { name: codeHost ? "Map repository" : "Map service" }).click();
  await expect(card.getByText(`→ ${to}`)).toBeVisible();
}

async function statusesFor(commit: string) {
  return host.statuses().filter((c) => c.path.endsWith(`/${commit}`));
}

/**
 * Waits for the host to accept a status of this state on the commit. When it never comes, the
 * failure says what the job queue and the pull request held, and every call the host saw for it.
 */
async function waitForStatus(db: PrismaClient, commit: string, state: string) {
  try {
    await expect
      .poll(async () => (await statusesFor(commit)).map((c) => c.body?.state), { timeout: 90_000 })
      .toContain(state);
  } catch (error) {
    const jobs = await db.$queryRaw<object[]>`
      SELECT id, state, retry_count, start_after, started_on, completed_on, created_on, output
        FROM pgboss.job WHERE name = 'sign-off-status' ORDER BY created_on`;
    const pulls = await db.$queryRaw<object[]>`
      SELECT "headSha", "lastStatus", "lastStatusAt" FROM "PullRequest" WHERE "headSha" = ${commit}`;
    const calls = host.calls
      .filter((c) => c.path.endsWith(`/${commit}`))
      .map((c) => ({ answered: c.answered, body: c.body }));
    throw new Error(
      `${(error as Error).message}\n${JSON.stringify({ jobs, pulls, calls, now: new Date() }, null, 1)}`,
    );
  }
  return (await statusesFor(commit)).filter((c) => c.body?.state === state).at(-1)!.body!;
}

async function changeOf(request: APIRequestContext, key: string) {
  const response = await request.get(`/api/v1/changes/${key}`, { headers: SAME_ORIGIN });
  expect(response.status()).toBe(200);
  return (await response.json()) as {
    status: string;
    aiExtent: string;
    aiTools: string[];
    currentRevision: { number: number; commit: string };
  };
}

test("a GitHub pull request: opened, signed off, synchronized, redelivered, refused unsigned, and GitHub down", async ({
  page,
  db,
  createPerson,
}) => {
  test.setTimeout(300_000);
  const login = `octo-${randomUUID().slice(0, 6)}`;
  const author = await createPerson({ level: "JUNIOR", teamSlug: "cart", githubLogin: login });
  const seniors = [
    await createPerson({ level: "SENIOR", teamSlug: "checkout" }),
    await createPerson({ level: "SENIOR", teamSlug: "checkout" }),
  ];
  const admin = await createPerson({ level: "SENIOR", roles: ["ADMIN"] });
  await signInAs(page, admin);
  const name = `Acme GitHub ${randomUUID().slice(0, 6)}`;
  const { secret, card } = await addConnection(page, "GitHub", name);
  const external = `acme/storefront-${randomUUID().slice(0, 6)}`;
  await map(card, external, "acme/storefront");

  // The pull request as GitHub's API answers it: the commits carry an AI trailer.
  const head = sha();
  const hosted = (headSha: string, line: string) =>
    host.pulls.set(`${external}#2`, {
      data: {
        ...example("opened").pull_request,
        number: 2,
        title: "Retry card authorisation once",
        body: BODY,
        state: "open",
        draft: false,
        merged: false,
        html_url: `https://github.com/${external}/pull/2`,
        user: { login },
        head: { sha: headSha, ref: "card-retry" },
        base: { ref: "main" },
      },
      diff: diff(line),
      files: [{ filename: "apps/web/checkout/card-retry.ts", additions: 1, deletions: 0 }],
      commits: [
        {
          sha: headSha,
          message:
            "Retry card authorisation once\n\nTimeouts at peak.\n\nCo-authored-by: Claude <noreply@anthropic.com>",
        },
      ],
    });
  hosted(head, "export const once = true;");

  const deliver = async (action: string, id = randomUUID(), sign = secret) => {
    const payload = example(action);
    payload.number = 2;
    payload.pull_request.number = 2;
    payload.repository.full_name = external;
    const text = JSON.stringify(payload);
    return page.request.post("/api/v1/integrations/github/webhook", {
      headers: {
        "content-type": "application/json",
        "x-github-event": "pull_request",
        "x-github-delivery": id,
        "x-hub-signature-256": `sha256=${hmac(sign, text)}`,
      },
      data: text,
    });
  };

  expect((await deliver("opened")).status()).toBe(202);
  const pending = await waitForStatus(db, head, "pending");
  expect(pending.context).toBe("countersign/sign-off");
  expect(pending.description).toMatch(/^0 of 2 approvals: \S+ needs 2 more SENIOR\+/);
  const key = /\/changes\/(CR-\d+)$/.exec(String(pending.target_url))![1]!;

  // The change has the pull request's diff, its head commit and the disclosure from the trailer.
  await signInAs(page, author);
  const opened = await changeOf(page.request, key);
  expect(opened).toMatchObject({
    status: "PENDING",
    aiExtent: "GENERATED",
    aiTools: ["Claude Code"],
  });
  expect(opened.currentRevision.commit).toBe(head);
  await page.goto(`/changes/${key}`);
  await expect(page.getByText("export const once = true;")).toBeVisible();
  await page.screenshot({
    path: "test-results/screenshots/change-from-pull-request.png",
    fullPage: true,
  });

  for (const senior of seniors) {
    await signInAs(page, senior);
    await review(page, key, "Approve", "Read every line; the retry is bounded to one attempt.");
  }
  expect((await waitForStatus(db, head, "success")).description).toMatch(/^Signed off/);

  // New commits: revision 2, the approvals no longer count, pending again on the new head.
  const next = sha();
  hosted(next, "export const twice = false;");
  const synchronize = randomUUID();
  expect((await deliver("synchronize", synchronize)).status()).toBe(202);
  await waitForStatus(db, next, "pending");
  await signInAs(page, author);
  const revised = await changeOf(page.request, key);
  expect(revised.status).toBe("PENDING");
  expect(revised.currentRevision).toMatchObject({ number: 2, commit: next });

  // A redelivery is answered and changes nothing; an unsigned or mis-signed one is refused.
  const again = await deliver("synchronize", synchronize);
  expect(again.status()).toBe(200);
  expect(await again.json()).toMatchObject({ duplicate: true });
  const forged = await deliver("closed", randomUUID(), "not-the-secret-0123456789");
  expect(forged.status()).toBe(401);
  expect((await changeOf(page.request, key)).currentRevision.number).toBe(2);
  await signInAs(page, admin);
  await page.goto("/admin/integrations");
  await expect(card.getByRole("table")).toContainText("synchronize");
  await expect(card.getByRole("table")).not.toContainText("closed");
  await page.screenshot({
    path: "test-results/screenshots/admin-integrations.png",
    fullPage: true,
  });

  // GitHub is down: the approvals still succeed, and the status arrives once it is back.
  host.failing = true;
  try {
    for (const senior of seniors) {
      await signInAs(page, senior);
      await review(page, key, "Approve", "Read revision 2; the second constant is harmless.");
    }
    await expect.poll(() => host.calls.filter((c) => c.answered === 503).length).toBeGreaterThan(0);
    expect((await statusesFor(next)).some((c) => c.body?.state === "success")).toBe(false);
  } finally {
    host.failing = false;
  }
  await waitForStatus(db, next, "success");
});

test("a GitLab merge request: opened, signed off, a new revision, redelivered, a wrong token refused", async ({
  page,
  db,
  createPerson,
}) => {
  test.setTimeout(240_000);
  const username = `gl-${randomUUID().slice(0, 6)}`;
  const author = await createPerson({
    level: "JUNIOR",
    teamSlug: "cart",
    gitlabUsername: username,
  });
  const seniors = [
    await createPerson({ level: "SENIOR", teamSlug: "checkout" }),
    await createPerson({ level: "SENIOR", teamSlug: "checkout" }),
  ];
  const admin = await createPerson({ level: "SENIOR", roles: ["ADMIN"] });
  await signInAs(page, admin);
  const { secret, card } = await addConnection(
    page,
    "GitLab",
    `Acme GitLab ${randomUUID().slice(0, 6)}`,
  );
  const external = `acme/storefront-${randomUUID().slice(0, 6)}`;
  await map(card, external, "acme/storefront");
  const project = String(Math.floor(Math.random() * 1e6) + 1000);
  const hosted = (headSha: string, line: string) =>
    host.pulls.set(`${project}!4`, {
      data: {
        iid: 4,
        title: "Retry card authorisation once",
        description:
          BODY.replace("- [ ] AI assisted", "- [x] AI assisted") + "\nTools: GitLab Duo\n",
        state: "opened",
        draft: false,
        sha: headSha,
        source_branch: "card-retry",
        target_branch: "main",
        web_url: `https://gitlab.example/${external}/-/merge_requests/4`,
        author: { username },
      },
      diff: diff(line),
      files: [],
      commits: [{ sha: headSha, message: "Retry card authorisation once" }],
    });
  const head = sha();
  hosted(head, "export const once = true;");
  // A Merge Request Hook as GitLab documents it (the fields Countersign reads, and more).
  const deliver = (action: string, id = randomUUID(), token = secret) =>
    page.request.post("/api/v1/integrations/gitlab/webhook", {
      headers: {
        "content-type": "application/json",
        "x-gitlab-event": "Merge Request Hook",
        "x-gitlab-event-uuid": id,
        "x-gitlab-token": token,
      },
      data: JSON.stringify({
        object_kind: "merge_request",
        event_type: "merge_request",
        user: { username },
        project: { id: Number(project), path_with_namespace: external },
        object_attributes: { iid: 4, action, state: "opened", last_commit: { id: head } },
      }),
    });
  expect((await deliver("open")).status()).toBe(202);
  const pending = await waitForStatus(db, head, "pending");
  expect(pending.name).toBe("countersign/sign-off");
  const key = /\/changes\/(CR-\d+)$/.exec(String(pending.target_url))![1]!;
  await signInAs(page, author);
  expect(await changeOf(page.request, key)).toMatchObject({
    status: "PENDING",
    aiExtent: "ASSISTED",
    aiTools: ["GitLab Duo"],
  });
  for (const senior of seniors) {
    await signInAs(page, senior);
    await review(page, key, "Approve", "Read every line; the retry is bounded to one attempt.");
  }
  await waitForStatus(db, head, "success");

  const next = sha();
  hosted(next, "export const twice = false;");
  const update = randomUUID();
  expect((await deliver("update", update)).status()).toBe(202);
  await waitForStatus(db, next, "pending");
  expect((await deliver("update", update)).status()).toBe(200);
  expect((await deliver("close", randomUUID(), "wrong-token")).status()).toBe(401);
  await signInAs(page, author);
  expect(await changeOf(page.request, key)).toMatchObject({
    status: "PENDING",
    currentRevision: { number: 2, commit: next },
  });
});

test("a PagerDuty incident lists the change deployed 10 minutes before and tells its author; resolved sets the time", async ({
  page,
  createPerson,
}) => {
  test.setTimeout(180_000);
  const author = await createPerson({ level: "JUNIOR", teamSlug: "cart" });
  const seniors = [
    await createPerson({ level: "SENIOR", teamSlug: "checkout" }),
    await createPerson({ level: "SENIOR", teamSlug: "checkout" }),
  ];
  await signInAs(page, author);
  const submitted = await page.request.post("/api/v1/changes", {
    headers: SAME_ORIGIN,
    data: checkoutChange({ title: "Shorter card authorisation timeout" }),
  });
  expect(submitted.status()).toBe(201);
  const { key } = (await submitted.json()) as { key: string };
  const systems = (
    (await (await page.request.get(`/api/v1/changes/${key}`, { headers: SAME_ORIGIN })).json()) as {
      systems: string[];
    }
  ).systems;
  for (const senior of seniors) {
    await signInAs(page, senior);
    await review(page, key, "Approve", "Read every line; the timeout change is safe.");
  }
  await signInAs(page, author);
  const deployed = await page.request.post(`/api/v1/changes/${key}/deployments`, {
    headers: SAME_ORIGIN,
    data: { environment: "production", at: new Date(Date.now() - 10 * 60_000).toISOString() },
  });
  expect(deployed.status(), await deployed.text()).toBe(201);

  const admin = await createPerson({ level: "SENIOR", roles: ["ADMIN"] });
  await signInAs(page, admin);
  const { secret, card } = await addConnection(
    page,
    "PagerDuty",
    `Acme PagerDuty ${randomUUID().slice(0, 6)}`,
  );
  // The checkout team's Slack channel hears about its people's incident suspects.
  const channel = `/services/T0/B0/${randomUUID().slice(0, 8)}`;
  const slack = page.getByRole("form", { name: "Add a Slack channel or webhook" });
  await slack.getByLabel("Name").fill(`#checkout ${randomUUID().slice(0, 6)}`);
  await slack.getByLabel("URL").fill(`${host.url}${channel}`);
  await slack.getByLabel("Team").fill("checkout");
  await slack.getByRole("button", { name: "Add Slack channel" }).click();
  await expect(page.getByRole("status").filter({ hasText: "is added" })).toBeVisible();
  const service = `P${randomUUID().slice(0, 6).toUpperCase()}`;
  await map(card, service, systems[0]!);

  const incidentId = `Q${randomUUID().slice(0, 10).toUpperCase()}`;
  // A V3 webhook as PagerDuty documents it.
  const send = (type: string) => {
    const text = JSON.stringify({
      event: {
        id: randomUUID(),
        event_type: type,
        resource_type: "incident",
        occurred_at: new Date().toISOString(),
        agent: { id: "PLH1HKV", type: "user_reference", summary: "Tenex Engineer" },
        client: null,
        data: {
          id: incidentId,
          type: "incident",
          self: `https://api.pagerduty.com/incidents/${incidentId}`,
          html_url: `https://acme.pagerduty.com/incidents/${incidentId}`,
          number: 2,
          status: type === "incident.resolved" ? "resolved" : "triggered",
          incident_key: randomUUID(),
          created_at: new Date().toISOString(),
          title: "Checkout error rate above 5%",
          service: { id: service, summary: "Checkout API", type: "service_reference" },
          assignees: [],
          escalation_policy: { id: "PUS0KTE", type: "escalation_policy_reference" },
          teams: [],
          priority: { id: "PSO75BM", summary: "P1", type: "priority_reference" },
          urgency: "high",
          conference_bridge: null,
          resolve_reason: null,
        },
      },
    });
    return page.request.post("/api/v1/integrations/pagerduty/webhook", {
      headers: {
        "content-type": "application/json",
        "x-pagerduty-signature": `v1=${hmac(secret, text)}`,
      },
      data: text,
    });
  };
  expect((await send("incident.triggered")).status()).toBe(202);
  await expect
    .poll(
      async () =>
        (
          (await (
            await page.request.get("/api/v1/incidents", { headers: SAME_ORIGIN })
          ).json()) as {
            incidents: { key: string; title: string }[];
          }
        ).incidents.find((i) => i.title === "Checkout error rate above 5%")?.key,
      { timeout: 30_000 },
    )
    .toBeTruthy();
  await page.goto("/incidents");
  await page
    .getByRole("link", { name: /Checkout error rate above 5%/ })
    .first()
    .click();
  await expect(page.getByText("recorded by PagerDuty")).toBeVisible();
  await page.screenshot({
    path: "test-results/screenshots/incident-from-pagerduty.png",
    fullPage: true,
  });
  await expect(page.getByRole("link", { name: key }).first()).toBeVisible();
  const incidentUrl = page.url();

  await signInAs(page, author);
  const notifications = (await (
    await page.request.get("/api/v1/notifications", { headers: SAME_ORIGIN })
  ).json()) as { items: { kind: string; title: string; link: string }[] };
  expect(notifications.items).toContainEqual(
    expect.objectContaining({
      kind: "INCIDENT_SUSPECT",
      title: expect.stringContaining(`${key} is a suspect`),
    }),
  );

  await expect
    .poll(() => host.calls.filter((c) => c.path === channel).map((c) => String(c.body?.text)), {
      timeout: 30_000,
    })
    .toContainEqual(expect.stringContaining(`${key} is a suspect`));
  const message = host.calls.find((c) => c.path === channel)!.body as {
    blocks: { type: string }[];
  };
  expect(message.blocks.map((b) => b.type)).toEqual(["section", "context", "actions"]);
  await signInAs(page, admin);
  await page.goto("/admin/integrations");
  await expect(page.getByRole("table", { name: /^Deliveries to #checkout/ }).first()).toContainText(
    "INCIDENT_SUSPECT",
  );
  await page.screenshot({
    path: "test-results/screenshots/admin-integrations-endpoints.png",
    fullPage: true,
  });

  expect((await send("incident.resolved")).status()).toBe(202);
  await signInAs(page, admin);
  await expect
    .poll(
      async () => {
        await page.goto(incidentUrl);
        return page.getByText("RESOLVED", { exact: false }).count();
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
});
