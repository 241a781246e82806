// Pull requests brought in step with change requests, and their countersign/sign-off statuses,
// against PostgreSQL and a stand-in for GitHub's and GitLab's APIs (lib/testing/code-hosts.ts).
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeUser } from "@/prisma/factories";
import { asSessionUser } from "@/lib/testing/actors";
import { approval, openedAgo, ownedRepository } from "@/lib/testing/changes";
import { startCodeHost, type CodeHostStandIn } from "@/lib/testing/code-hosts";
import type { PersonActor } from "@/lib/domain/actor";
import { reviewChange } from "@/lib/server/changes/review";
import { createConnection, mapRepository } from "./connections";
import { processDelivery, receiveDelivery } from "./deliveries";
import { postSignOffStatus } from "./status";
import { queueSignOffStatuses } from "./outbox";
import { loadConnection } from "./connections";

process.env.INTEGRATIONS_KEY ??= "integration-tests-key-0123456789";
const unique = () => `${Date.now()}${Math.random().toString(36).slice(2, 6)}`;
const DIFF = `diff --git a/src/retry.ts b/src/retry.ts
--- a/src/retry.ts
+++ b/src/retry.ts
@@ -1,2 +1,3 @@
 export const a = 1;
+export const retries = 1;
 export const b = 2;
`;
const BODY = `## Why
Card authorisations time out at peak; one retry recovers most of them.

## AI disclosure
- [ ] No AI wrote any of this change
- [x] AI assisted (completions I reviewed line by line)
- [ ] AI generated parts of it
- [ ] An AI agent wrote most of it

Tools: GitHub Copilot
`;

let host: CodeHostStandIn;
beforeAll(async () => {
  host = await startCodeHost();
});
afterAll(async () => host.close());

async function world(kind: "GITHUB" | "GITLAB" = "GITHUB") {
  const admin = asSessionUser(await makeUser(db, { level: "SENIOR", roles: ["ADMIN"] }));
  const { seniors, system, repo } = await ownedRepository();
  const login = `dev-${unique()}`;
  const author = await makeUser(db, { level: "MID" });
  await db.$queryRaw`UPDATE "User" SET "githubLogin" = ${login}, "gitlabUsername" = ${login} WHERE id = ${author.id} RETURNING id`;
  const { id } = await createConnection(admin, {
    kind,
    name: `conn-${unique()}`,
    baseUrl: kind === "GITHUB" ? host.url : host.url,
    secret: "s".repeat(20),
    token: "host-token",
  });
  const external = `acme/shop-${unique()}`;
  await mapRepository(admin, id, { externalName: external, repository: repo.name });
  return {
    admin,
    seniors,
    system,
    connection: (await loadConnection(id))!,
    external,
    login,
    author,
  };
}

function githubPull(
  w: Awaited<ReturnType<typeof world>>,
  number: number,
  over: Record<string, unknown> = {},
) {
  const head = (over.sha as string) ?? "a".repeat(40);
  host.pulls.set(`${w.external}#${number}`, {
    data: {
      number,
      html_url: `https://github.example/${w.external}/pull/${number}`,
      title: "Retry card authorisation once",
      body: BODY,
      state: "open",
      merged: false,
      draft: false,
      head: { sha: head, ref: "retry" },
      base: { ref: "main" },
      user: { login: w.login },
      ...over,
    },
    diff: DIFF,
    files: [{ filename: "src/retry.ts", additions: 1, deletions: 0 }],
    commits: [{ sha: head, message: "Retry once\n\nAssisted-by: GitHub Copilot" }],
  });
}

async function deliver(
  w: Awaited<ReturnType<typeof world>>,
  number: number,
  action: string,
  id = unique(),
) {
  const received = await receiveDelivery(w.connection, id, "pull_request", {
    action,
    number,
    pull_request: { number },
    repository: { full_name: w.external },
  });
  return received.id ? processDelivery(received.id) : null;
}

async function statusJobs(key: string) {
  const rows = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM pgboss.job j
      JOIN "PullRequest" p ON p.id = j.data->>'pullRequestId'
      JOIN "ChangeRequest" c ON c.id = p."changeId"
     WHERE j.name = 'sign-off-status' AND c.key = ${key}`;
  return Number(rows[0]!.n);
}

const lastStatus = () => host.statuses().at(-1)!.body as Record<string, string>;

async function approveAll(seniors: PersonActor[], key: string, revision = 1) {
  for (const senior of seniors) {
    await openedAgo(senior, key, 600);
    await reviewChange(senior, key, approval(revision));
  }
}

describe("GitHub pull requests", () => {
  it("opened: a change with the diff and the disclosure, a pending status, success once signed off", async () => {
    const w = await world();
    githubPull(w, 7);
    const result = await deliver(w, 7, "opened");
    expect(result).toMatchObject({ outcome: "DONE" });
    const key = result!.changeKey!;
    const change = await db.changeRequest.findUniqueOrThrow({
      where: { key },
      include: { revisions: true },
    });
    expect(change).toMatchObject({
      status: "PENDING",
      authorId: w.author.id,
      aiExtent: "ASSISTED",
      aiTools: ["GitHub Copilot"],
      prUrl: `https://github.example/${w.external}/pull/7`,
    });
    expect(change.revisions[0]!.commitSha).toBe("a".repeat(40));
    expect(change.revisions[0]!.diff).toContain("+export const retries = 1;");
    expect(await statusJobs(key)).toBeGreaterThan(0);

    const link = await db.pullRequest.findFirstOrThrow({ where: { changeId: change.id } });
    await postSignOffStatus(link.id);
    expect(lastStatus()).toMatchObject({
      state: "pending",
      context: "countersign/sign-off",
      description: `0 of 1 approval: ${w.system.slug} needs 1 more SENIOR+`,
    });
    expect(lastStatus().target_url).toMatch(new RegExp(`/changes/${key}$`));
    const posted = host.statuses().length;
    await postSignOffStatus(link.id);
    expect(host.statuses()).toHaveLength(posted);

    await approveAll(w.seniors, key);
    await postSignOffStatus(link.id);
    expect(lastStatus()).toMatchObject({ state: "success" });
  });

  it("synchronize: revision 2 with the new commit, approvals dismissed; a redelivery changes nothing", async () => {
    const w = await world();
    githubPull(w, 8);
    const key = (await deliver(w, 8, "opened"))!.changeKey!;
    await approveAll(w.seniors, key);
    githubPull(w, 8, { sha: "b".repeat(40) });
    const id = unique();
    expect(await deliver(w, 8, "synchronize", id)).toMatchObject({ outcome: "DONE" });
    const change = await db.changeRequest.findUniqueOrThrow({ where: { key } });
    expect(change).toMatchObject({ status: "PENDING", currentRevision: 2 });
    const events = await db.auditEvent.count({ where: { changeKey: key } });
    expect(await deliver(w, 8, "synchronize", id)).toBeNull();
    expect(await deliver(w, 8, "synchronize")).toMatchObject({ outcome: "IGNORED" });
    expect(await db.auditEvent.count({ where: { changeKey: key } })).toBe(events);
  });

  it("edited: the title changes in place; a stronger disclosure is a new revision", async () => {
    const w = await world();
    githubPull(w, 9);
    const key = (await deliver(w, 9, "opened"))!.changeKey!;
    githubPull(w, 9, { title: "Retry the card authorisation once" });
    const edited = await deliver(w, 9, "edited");
    expect(edited, edited?.detail).toMatchObject({ outcome: "DONE" });
    expect(await db.changeRequest.findUniqueOrThrow({ where: { key } })).toMatchObject({
      title: "Retry the card authorisation once",
      currentRevision: 1,
    });
    githubPull(w, 9, {
      body:
        BODY.replace("- [x] AI assisted", "- [ ] AI assisted").replace(
          "- [ ] An AI agent",
          "- [x] An AI agent",
        ) + "What the AI wrote: all of it\n",
    });
    await deliver(w, 9, "edited");
    expect(await db.changeRequest.findUniqueOrThrow({ where: { key } })).toMatchObject({
      aiExtent: "AGENTIC",
      currentRevision: 2,
    });
  });

  it("a missing disclosure keeps a draft with a failing status; closed without merge withdraws", async () => {
    const w = await world();
    githubPull(w, 10, { body: "Card authorisations time out at peak; retry once." });
    host.pulls.get(`${w.external}#10`)!.commits = [{ sha: "a".repeat(40), message: "Retry" }];
    const key = (await deliver(w, 10, "opened"))!.changeKey!;
    expect((await db.changeRequest.findUniqueOrThrow({ where: { key } })).status).toBe("DRAFT");
    const link = await db.pullRequest.findFirstOrThrow({ where: { change: { key } } });
    await postSignOffStatus(link.id);
    expect(lastStatus()).toMatchObject({ state: "failure" });
    expect(lastStatus().description).toMatch(/AI disclosure/);

    githubPull(w, 10, { state: "closed" });
    await deliver(w, 10, "closed");
    expect((await db.changeRequest.findUniqueOrThrow({ where: { key } })).status).toBe("WITHDRAWN");
  });

  it("an unknown author gets the change anyway, marked not matched, and admins are told", async () => {
    const w = await world();
    githubPull(w, 11, { user: { login: `stranger-${unique()}` } });
    const key = (await deliver(w, 11, "opened"))!.changeKey!;
    const change = await db.changeRequest.findUniqueOrThrow({
      where: { key },
      include: { author: true, pullRequests: true },
    });
    expect(change.author.active).toBe(false);
    expect(change.author.name).toMatch(/not matched/);
    expect(change.pullRequests[0]!.authorId).toBeNull();
    expect(
      await db.notification.count({
        where: { changeKey: key, kind: "UNMATCHED_AUTHOR", userId: w.admin.id },
      }),
    ).toBe(1);
  });

  it("with the host down the job fails (and is retried); the status is posted once it is back", async () => {
    const w = await world();
    githubPull(w, 12);
    const key = (await deliver(w, 12, "opened"))!.changeKey!;
    const link = await db.pullRequest.findFirstOrThrow({ where: { change: { key } } });
    host.failing = true;
    try {
      await approveAll(w.seniors, key);
      await expect(postSignOffStatus(link.id)).rejects.toThrow();
    } finally {
      host.failing = false;
    }
    await postSignOffStatus(link.id);
    expect(lastStatus()).toMatchObject({ state: "success" });
  });

  // The queue keeps one waiting status job per pull request and drops another asked for while one
  // waits: the waiting job must not read the pull request's state before the event that asked
  // for the dropped one commits, or the host keeps a status older than the change.
  it("a status job that starts while an event is being committed posts that event, not what came before", async () => {
    const w = await world();
    githubPull(w, 13);
    const key = (await deliver(w, 13, "opened"))!.changeKey!;
    const link = await db.pullRequest.findFirstOrThrow({ where: { change: { key } } });
    expect(await statusJobs(key)).toBeGreaterThan(0); // queued by "opened", not yet run

    let commit!: () => void;
    const held = new Promise<void>((resolve) => (commit = resolve));
    let job: Promise<string> | undefined;
    // An event's transaction: the change is withdrawn, the status asked for, then a pause before
    // the commit; the waiting job starts in that pause.
    const event = db.$transaction(async (tx) => {
      await tx.$queryRaw`UPDATE "ChangeRequest" SET status = 'WITHDRAWN' WHERE key = ${key} RETURNING id`;
      await queueSignOffStatuses(tx, [link.id]);
      job = postSignOffStatus(link.id);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    commit();
    await event;
    await job;
    expect(lastStatus()).toMatchObject({ state: "failure" });
    expect(lastStatus().description).toMatch(/withdrawn/);
  });

  it("an unmapped repository and other events are ignored, and logged", async () => {
    const w = await world();
    const received = await receiveDelivery(w.connection, unique(), "pull_request", {
      action: "opened",
      number: 1,
      pull_request: { number: 1 },
      repository: { full_name: "someone/else" },
    });
    expect(await processDelivery(received.id!)).toMatchObject({ outcome: "IGNORED" });
    const labeled = await receiveDelivery(w.connection, unique(), "pull_request", {
      action: "labeled",
    });
    expect(await processDelivery(labeled.id!)).toMatchObject({ outcome: "IGNORED" });
    const row = await db.webhookDelivery.findUniqueOrThrow({ where: { id: received.id! } });
    expect(row).toMatchObject({ outcome: "IGNORED" });
    expect(row.detail).toMatch(/not mapped/);
  });
});

describe("a GitHub App connection", () => {
  it("acts as the installation the delivery names: its token reads the pull request and posts the status", async () => {
    const w = await world();
    const { privateKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs1", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    const { id } = await createConnection(w.admin, {
      kind: "GITHUB",
      name: `app-${unique()}`,
      baseUrl: host.url,
      secret: "s".repeat(20),
      appId: "123456",
      token: privateKey,
    });
    await mapRepository(w.admin, id, {
      externalName: w.external,
      repository: (
        await db.repository.findFirstOrThrow({
          where: { integrations: { some: { externalName: w.external } } },
        })
      ).name,
    });
    const app = { ...w, connection: (await loadConnection(id))! };
    githubPull(app, 21);
    const received = await receiveDelivery(app.connection, unique(), "pull_request.opened", {
      action: "opened",
      number: 21,
      pull_request: { number: 21 },
      repository: { full_name: w.external },
      installation: { id: 4242 },
    });
    const result = await processDelivery(received.id!);
    expect(result.outcome, result.detail).toBe("DONE");
    expect(host.calls.some((c) => c.path === "/app/installations/4242/access_tokens")).toBe(true);
    const read = host.calls.filter((c) => c.path === `/repos/${w.external}/pulls/21`).at(-1)!;
    expect(read.authorization).toBe("token ghs_standin4242");
    const link = await db.pullRequest.findFirstOrThrow({
      where: { change: { key: result.changeKey! } },
    });
    expect(link.installationId).toBe("4242");
    await postSignOffStatus(link.id);
    expect(host.statuses().at(-1)!.authorization).toBe("token ghs_standin4242");
  });

  it("refuses a key that is not a private key, naming the field", async () => {
    const w = await world();
    const error = await createConnection(w.admin, {
      kind: "GITHUB",
      name: `app-${unique()}`,
      secret: "s".repeat(20),
      appId: "123456",
      token: "ghp_not_a_key",
    }).catch((e: unknown) => e);
    expect((error as { details: { field: string }[] }).details).toContainEqual(
      expect.objectContaining({ field: "token" }),
    );
  });
});

describe("GitLab merge requests", () => {
  it("opened: a change, and a commit status named countersign/sign-off", async () => {
    const w = await world("GITLAB");
    const projectId = String(Math.floor(Math.random() * 1e6));
    host.pulls.set(`${projectId}!3`, {
      data: {
        iid: 3,
        web_url: `https://gitlab.example/${w.external}/-/merge_requests/3`,
        title: "Retry card authorisation once",
        description: BODY,
        state: "opened",
        draft: false,
        sha: "c".repeat(40),
        source_branch: "retry",
        target_branch: "main",
        author: { username: w.login },
      },
      diff: DIFF,
      files: [],
      commits: [{ sha: "c".repeat(40), message: "Retry once" }],
    });
    const received = await receiveDelivery(w.connection, unique(), "Merge Request Hook", {
      object_kind: "merge_request",
      project: { id: Number(projectId), path_with_namespace: w.external },
      object_attributes: { iid: 3, action: "open" },
    });
    const result = await processDelivery(received.id!);
    expect(result).toMatchObject({ outcome: "DONE" });
    const change = await db.changeRequest.findUniqueOrThrow({ where: { key: result.changeKey! } });
    expect(change).toMatchObject({
      status: "PENDING",
      authorId: w.author.id,
      aiExtent: "ASSISTED",
    });
    const link = await db.pullRequest.findFirstOrThrow({ where: { changeId: change.id } });
    await postSignOffStatus(link.id);
    const status = host.statuses().at(-1)!;
    expect(status.path).toBe(`/api/v4/projects/${projectId}/statuses/${"c".repeat(40)}`);
    expect(status.body).toMatchObject({ state: "pending", name: "countersign/sign-off" });
  });
});
