// The command line as a developer and a pipeline use it: a temporary git repository whose commits
// carry AI trailers; `submit` (the disclosure pre-filled from the trailers), `gate` (exit 1),
// two seniors approve in the browser, `gate` again (exit 0), and the deployment is recorded
// through the API. The CLI is the bundled file a CI job would run with plain node.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test, expect, createToken, bearer, signInAs, review, SAME_ORIGIN } from "./fixtures";

const CLI = path.resolve("dist/countersign.mjs");

function git(cwd: string, ...args: string[]) {
  return execFileSync("git", args, { cwd, encoding: "utf8" }).trim();
}

function repository(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "countersign-cli-"));
  git(dir, "init", "-q", "-b", "main");
  git(dir, "config", "user.email", "dev@acme.example");
  git(dir, "config", "user.name", "A Developer");
  git(dir, "remote", "add", "origin", "git@github.com:acme/storefront.git");
  writeFileSync(path.join(dir, "README.md"), "# storefront\n");
  git(dir, "add", ".");
  git(dir, "commit", "-q", "-m", "Initial commit");
  git(dir, "checkout", "-q", "-b", "card-retry");
  mkdirSync(path.join(dir, "apps/web/checkout"), { recursive: true });
  writeFileSync(
    path.join(dir, "apps/web/checkout/card-retry.ts"),
    "export async function authorise(call: () => Promise<boolean>) {\n  try {\n    return await call();\n  } catch {\n    return call();\n  }\n}\n",
  );
  git(dir, "add", ".");
  git(
    dir,
    "commit",
    "-q",
    "-m",
    "Retry card authorisation once\n\nTimeouts at peak fail checkouts.\n\nCo-authored-by: Claude <noreply@anthropic.com>",
  );
  writeFileSync(path.join(dir, "apps/web/checkout/card-retry.test.ts"), "// retried once\n");
  git(dir, "add", ".");
  git(dir, "commit", "-q", "-m", "Test the retry\n\nAssisted-by: GitHub Copilot");
  return dir;
}

// Asynchronous on purpose: a synchronous spawn blocks this worker's event loop, so it never sees
// the server close an idle keep-alive connection and the next request meets ECONNRESET.
function cli(
  cwd: string,
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: {
        NODE_ENV: "production",
        PATH: process.env.PATH ?? "",
        HOME: os.tmpdir(),
        CI: "1",
        ...env,
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

test.beforeAll(() => {
  execFileSync("npm", ["run", "-s", "build:cli"], { stdio: "inherit" });
});

test("submit from a repository, gate 1, two seniors approve, gate 0, deployment recorded", async ({
  page,
  request,
  createPerson,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const author = await createPerson({ level: "JUNIOR", teamSlug: "cart" });
  const seniors = [
    await createPerson({ level: "SENIOR", teamSlug: "checkout" }),
    await createPerson({ level: "SENIOR", teamSlug: "checkout" }),
  ];
  const secret = await createToken(page, author, [
    "changes:read",
    "changes:write",
    "gate:read",
    "deployments:write",
  ]);
  const env = { COUNTERSIGN_URL: baseURL!, COUNTERSIGN_TOKEN: secret };
  const dir = repository();
  try {
    // Without a terminal nothing is guessed: the intent must be given.
    const refused = await cli(dir, env, "submit");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/pass --intent/);

    const dry = await cli(dir, env, "submit", "--dry-run");
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/nothing submitted/);

    const submitted = await cli(
      dir,
      env,
      "submit",
      "--intent",
      "Card authorisations time out at peak; one retry recovers most of them.",
    );
    expect(submitted.code, submitted.stderr).toBe(0);
    expect(submitted.stderr).toContain("co-authored-by: Claude <noreply@anthropic.com>");
    const key = /^(CR-\d+) pending: (\S+)$/m.exec(submitted.stdout)?.[1];
    expect(key, submitted.stdout).toBeTruthy();
    expect(submitted.stdout).toContain(`${baseURL}/changes/${key}`);
    expect(submitted.stdout).toMatch(/Sign-off needed:\n {2}\S+: 0 of 2 approvals/);

    // The disclosure came from the trailers: the strongest extent, every tool named.
    const change = (await (
      await request.get(`/api/v1/changes/${key}`, { headers: bearer(secret) })
    ).json()) as {
      aiExtent: string;
      aiTools: string[];
      title: string;
      currentRevision: { commit: string };
    };
    expect(change.aiExtent).toBe("GENERATED");
    expect(change.aiTools.sort()).toEqual(["Claude Code", "GitHub Copilot"]);
    expect(change.title).toBe("Retry card authorisation once");
    expect(change.currentRevision.commit).toBe(git(dir, "rev-parse", "HEAD"));

    // A retried CI job submits the same branch head again: the same change, not a second one.
    const retried = await cli(
      dir,
      env,
      "submit",
      "--intent",
      "Card authorisations time out at peak; one retry recovers most of them.",
    );
    expect(retried.stdout).toContain(`${key} pending`);

    const blocked = await cli(dir, env, "gate", key!);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toMatch(new RegExp(`${key} may not deploy \\(pending\\)`));
    expect(blocked.stdout).toMatch(/0 of 2/);
    const byCommit = await cli(dir, env, "gate", "--commit", git(dir, "rev-parse", "HEAD"));
    expect(byCommit.code).toBe(1);

    for (const senior of seniors) {
      await signInAs(page, senior);
      await review(page, key!, "Approve", "Read every line; the retry is bounded to one attempt.");
    }

    const allowed = await cli(dir, env, "gate", key!);
    expect(allowed.code, allowed.stdout).toBe(0);
    expect(allowed.stdout).toContain(`${key} may deploy`);
    const waited = await cli(
      dir,
      env,
      "gate",
      "--commit",
      git(dir, "rev-parse", "--short", "HEAD"),
      "--wait",
      "10s",
    );
    expect(waited.code).toBe(0);

    const deployed = await request.post(`/api/v1/changes/${key}/deployments`, {
      headers: bearer(secret),
      data: { environment: "production", commit: git(dir, "rev-parse", "HEAD") },
    });
    expect(deployed.status()).toBe(201);
    expect(await deployed.json()).toEqual({ key, status: "DEPLOYED" });

    // Usage errors exit 2.
    expect((await cli(dir, env, "gate")).code).toBe(2);
    expect((await cli(dir, { ...env, COUNTERSIGN_TOKEN: "" }, "gate", key!)).code).toBe(2);
    expect((await cli(dir, env, "gate", key!, "--wait", "soon")).code).toBe(2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // The portal shows the deployment as the author sees it.
  await signInAs(page, author);
  const response = await page.request.get(`/api/v1/changes?author=${author.handle}`, {
    headers: SAME_ORIGIN,
  });
  expect(((await response.json()) as { changes: { status: string }[] }).changes[0]!.status).toBe(
    "DEPLOYED",
  );
});
