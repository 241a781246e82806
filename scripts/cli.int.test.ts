import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { asSessionUser } from "@/lib/testing/actors";
import { makeUser } from "@/prisma/factories";
import { mutate } from "@/lib/server/audit/mutate";
import { payloadOf, tamperPayload } from "@/lib/testing/tamper";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "scripts/cli.ts", ...args],
      { env: { ...process.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({
          code: error ? (typeof error.code === "number" ? error.code : 1) : 0,
          stdout,
          stderr,
        });
      },
    );
  });
}

async function someEvents(n: number) {
  const user = asSessionUser(await makeUser(db));
  for (let i = 0; i < n; i++) {
    await mutate(user, async () => ({
      result: null,
      event: {
        action: "system.updated",
        subjectType: "system",
        subjectId: `s${i}`,
        subjectLabel: `cli-${i}`,
        payload: { before: { tier: 3 }, after: { tier: 1 } },
      },
    }));
  }
}

describe("npm run cli -- audit", () => {
  it("verify prints `ok <N> events` and exits 0 on an intact chain", async () => {
    await someEvents(3);
    const total = await db.auditEvent.count();
    const run = await cli("audit", "verify");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`ok ${total} events\n`);
  });

  it("an unreachable database is a one-line error and exit 2, not a stack trace (issue 17)", async () => {
    const run = await new Promise<Run>((resolve) =>
      execFile(
        process.execPath,
        ["--import", "tsx", "scripts/cli.ts", "audit", "verify"],
        { env: { ...process.env, DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" } },
        (error, stdout, stderr) =>
          resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr }),
      ),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: cannot reach the database: .+\n$/);
  });

  it("verify names the first tampered sequence number and exits 1", async () => {
    await someEvents(3);
    const target = Number(
      (await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" }, skip: 1 })).seq,
    );
    const original = await payloadOf(target);
    await tamperPayload(target, { before: { tier: 3 }, after: { tier: 2 } });
    try {
      const run = await cli("audit", "verify");
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(new RegExp(`^broken at seq ${target}: .*altered`));
    } finally {
      await tamperPayload(target, original);
    }
    expect((await cli("audit", "verify")).code).toBe(0);
  });

  it("export --format ndjson streams every event, and the export is itself audited", async () => {
    await someEvents(2);
    const before = await db.auditEvent.count();
    const run = await cli("audit", "export", "--format", "ndjson");
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(before + 1);
    expect(lines.map((l) => l.seq)).toEqual(Array.from({ length: before + 1 }, (_, i) => i + 1));
    expect(lines.at(-1)).toMatchObject({
      action: "audit.exported",
      payload: { format: "ndjson", via: "cli" },
    });
    expect(lines[0]).toHaveProperty("hash");
  });

  it("export --format csv with a time window", async () => {
    const from = new Date(Date.now() - 1000).toISOString();
    await someEvents(2);
    const run = await cli("audit", "export", "--format", "csv", "--since", from);
    expect(run.code).toBe(0);
    const rows = run.stdout.trimEnd().split("\n");
    expect(rows[0]).toBe(
      "seq,at,actor_type,actor_id,actor_name,action,subject_type,subject_id,subject_label,change_key,payload,prev_hash,hash",
    );
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const future = await cli(
      "audit",
      "export",
      "--format",
      "csv",
      "--since",
      "2099-01-01T00:00:00Z",
    );
    expect(future.stdout.trimEnd().split("\n")).toHaveLength(1);
  });

  it.each([
    [["audit", "export", "--format", "xml"], /format/],
    [["audit", "export"], /--format/],
    [
      ["audit", "export", "--format", "csv", "--since", "yesterday"],
      /--since: must be an ISO 8601/,
    ],
    [
      [
        "audit",
        "export",
        "--format",
        "csv",
        "--since",
        "2026-02-01T00:00:00Z",
        "--until",
        "2026-01-01T00:00:00Z",
      ],
      /--until: since must be before until/,
    ],
    [["audit", "frobnicate"], /unknown command/],
  ])("refuses %j with a one-line error and a non-zero exit", async (args, message) => {
    const before = await db.auditEvent.count();
    const run = await cli(...args);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
    expect(await db.auditEvent.count()).toBe(before);
  });

  it.each([
    [["--help"]],
    [["audit", "--help"]],
    [["audit", "verify", "--help"]],
    [["audit", "export", "--help"]],
  ])("%j prints help", async (args) => {
    const run = await cli(...args);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage:/);
  });
});

describe("npm run cli -- owners and import", () => {
  it("owners prints one JSON object with GitHub's answer for each path", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "owners-"));
    writeFileSync(
      path.join(dir, "CODEOWNERS"),
      "* @everyone\n/docs/ @docs-team\ndocs/*.md\n/apps/ @org/apps # inline\n!bad @x\n",
    );
    writeFileSync(path.join(dir, "paths.txt"), "apps/web/a.ts\nREADME.md\n");
    const run = await cli(
      "owners",
      "--codeowners",
      path.join(dir, "CODEOWNERS"),
      "--paths-file",
      path.join(dir, "paths.txt"),
      "docs/guide/x.md",
      "docs/readme.md",
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      "docs/guide/x.md": ["@docs-team"],
      "docs/readme.md": [],
      "apps/web/a.ts": ["@org/apps"],
      "README.md": ["@everyone"],
    });
    expect(run.stderr).toMatch(/line 5: negation/);
  });

  it.each([
    [["owners", "--codeowners", "/no/such/file", "a"], /--codeowners: cannot read/],
    [["owners", "--codeowners", "package.json"], /give at least one path/],
    [
      ["owners", "--codeowners", "package.json", "apps/web/./checkout/pay.ts"],
      /"apps\/web\/\.\/checkout\/pay\.ts" has a \. segment/,
    ],
    [["import", "codeowners", "--repository", "acme/x"], /--file/],
    [["import", "catalog", "--file", "/no/such.yaml"], /--file: cannot read/],
  ])("refuses %j with a one-line error", async (args, message) => {
    const run = await cli(...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it("import codeowners reports invalid lines and unknown owners, and a second run changes nothing", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "import-"));
    const file = path.join(dir, "CODEOWNERS");
    writeFileSync(file, "* @ghost-owner\n[abc] @x\n");
    const repository = `acme/cli-${Date.now()}`;
    const first = await cli("import", "codeowners", "--repository", repository, "--file", file);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^${repository}: 1 rules, repository created`));
    expect(first.stdout).toMatch(/invalid line 2: character ranges/);
    expect(first.stdout).toMatch(/unknown owners \(1\): @ghost-owner/);
    const second = await cli("import", "codeowners", "--repository", repository, "--file", file);
    expect(second.stdout).toMatch(/unchanged: nothing written/);
  });

  it("import catalog reports what it changed", async () => {
    const run = await cli("import", "catalog", "--file", "scripts/samples/catalog-info.yaml");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /systems (created|unchanged) \(3\): loyalty-platform, loyalty-points-ledger, loyalty-admin/,
    );
    expect(run.stdout).toMatch(/ignored 1 API entity/);
  });
});
