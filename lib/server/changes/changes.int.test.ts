import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeRepository, makeSystem, makeTeam, makeUser } from "@/prisma/factories";
import { asSessionUser } from "@/lib/testing/actors";
import { saveChange } from "./save";
import { previewRouting } from "@/lib/server/routing/preview";
import { AppError } from "@/lib/errors";
import type { PersonActor } from "@/lib/domain/actor";

const DIFF = (path: string, lines: string[]) =>
  `diff --git a/${path} b/${path}\nindex 1111111..2222222 100644\n--- a/${path}\n+++ b/${path}\n@@ -1,1 +1,${lines.length + 1} @@\n context\n${lines.map((l) => `+${l}`).join("\n")}\n`;

let junior: PersonActor;
let coAuthor: Awaited<ReturnType<typeof makeUser>>;
let principal: Awaited<ReturnType<typeof makeUser>>;
let repoName: string;
let tier1: { id: string; slug: string };
let tier3: { id: string; slug: string };

beforeAll(async () => {
  const team = await makeTeam(db);
  const juniorRow = await makeUser(db, { level: "JUNIOR", teamId: team.id });
  junior = asSessionUser(juniorRow);
  // A SENIOR co-author on the owning team: an owner, but never a candidate for this change.
  coAuthor = await makeUser(db, { level: "SENIOR", teamId: team.id });
  // Two SENIOR owners besides the co-author.
  await makeUser(db, { level: "SENIOR", teamId: team.id });
  await makeUser(db, { level: "SENIOR", teamId: team.id });
  principal = await makeUser(db, { level: "PRINCIPAL", teamId: team.id });
  await makeUser(db, { level: "MID", teamId: team.id });
  tier1 = await makeSystem(db, { tier: 1, owningTeamId: team.id });
  tier3 = await makeSystem(db, { tier: 3, owningTeamId: team.id });
  const repo = await makeRepository(db, {
    systemIds: [tier1.id, tier3.id],
    rules: [
      { pattern: "*", systemId: tier3.id, teamIds: [team.id], labels: ["@org/team"] },
      {
        pattern: "/services/payments/",
        systemId: tier1.id,
        teamIds: [team.id],
        labels: ["@org/team"],
      },
      {
        pattern: "/services/payments/db/",
        systemId: tier1.id,
        teamIds: [team.id],
        labels: ["@org/team"],
      },
    ],
  });
  repoName = repo.name;
});

const base = () => ({
  title: "Retry card authorisation on timeouts",
  intent:
    "Card authorisations time out under load and customers see failures; retry once with a jittered backoff.",
  repository: repoName,
  aiExtent: "GENERATED" as const,
  aiTools: ["Claude Code"],
  aiWrote: "The retry wrapper and its tests.",
  rollbackPlan: "Revert the commit; the flag defaults off.",
  submit: true,
});

async function counts() {
  return {
    changes: await db.changeRequest.count(),
    events: await db.auditEvent.count(),
    counter: (await db.counter.findUniqueOrThrow({ where: { name: "change" } })).value,
  };
}

describe("submitting a change", () => {
  it("a JUNIOR's AI-assisted tier-1 change needs two SENIOR+ owners, assigned with reasons; author and co-author are never candidates", async () => {
    const { key, status } = await saveChange(junior, {
      ...base(),
      coAuthors: [`@${coAuthor.handle}`],
      diff: DIFF("services/payments/retry.ts", [
        "export const retry = async (fn) => fn().catch(() => fn());",
      ]),
    });
    expect(status).toBe("PENDING");
    const change = await db.changeRequest.findUniqueOrThrow({
      where: { key },
      include: {
        requirements: { include: { system: true } },
        assignments: { include: { reviewer: true } },
        systems: true,
      },
    });
    expect(change.systems.map((s) => s.systemId)).toEqual([tier1.id]);
    expect(change.requirements).toHaveLength(1);
    const requirement = change.requirements[0]!;
    expect([requirement.approvalsRequired, requirement.minLevel, requirement.state]).toEqual([
      2,
      "SENIOR",
      "PENDING",
    ]);
    expect(requirement.rules.join(" ")).toMatch(/Tier 1: 2 approvals/);
    const candidates = requirement.candidates as {
      personId: string;
      verdict: string;
      reason: string;
    }[];
    expect(candidates.find((c) => c.personId === junior.id)?.reason).toBe("excluded: author");
    expect(candidates.find((c) => c.personId === coAuthor.id)?.reason).toBe("excluded: co-author");
    expect(change.assignments).toHaveLength(2);
    for (const a of change.assignments) {
      expect(["SENIOR", "PRINCIPAL"]).toContain(a.reviewer.level);
      expect([junior.id, coAuthor.id]).not.toContain(a.reviewerId);
      expect(a.reason).toMatch(/lowest review load|PRINCIPAL/);
    }
    expect(change.slaDueAt!.getTime() - change.submittedAt!.getTime()).toBe(4 * 3600_000);
    const event = await db.auditEvent.findFirstOrThrow({ where: { changeKey: key } });
    expect(event.action).toBe("change.submitted");
  });

  it("a diff that drops a table requires a PRINCIPAL, and records the hit", async () => {
    const { key } = await saveChange(junior, {
      ...base(),
      diff: DIFF("services/payments/db/migrate/0042.sql", ["DROP TABLE legacy_payments;"]),
    });
    const change = await db.changeRequest.findUniqueOrThrow({
      where: { key },
      include: {
        requirements: true,
        assignments: { include: { reviewer: true } },
        revisions: true,
      },
    });
    expect(change.riskFlags).toEqual(expect.arrayContaining(["DATA_DELETION", "DATA_MIGRATION"]));
    expect(change.detectedRiskFlags).toContain("DATA_DELETION");
    expect(change.requirements[0]!.principalRequired).toBe(true);
    expect(change.assignments.map((a) => a.reviewer.level)).toContain("PRINCIPAL");
    const hits = change.revisions[0]!.riskHits as { rule: string; file: string; line: number }[];
    expect(hits).toContainEqual(
      expect.objectContaining({
        rule: "sql-drop",
        file: "services/payments/db/migrate/0042.sql",
        line: 2,
      }),
    );
  });

  it("risk flags only go up: an author cannot clear a detected flag", async () => {
    const { key } = await saveChange(junior, {
      ...base(),
      riskFlags: [],
      diff: DIFF("scripts/cleanup.sh", ["rm -rf /var/cache/app"]),
    });
    expect((await db.changeRequest.findUniqueOrThrow({ where: { key } })).riskFlags).toContain(
      "DATA_DELETION",
    );
  });

  it("is UNROUTABLE with a reason when nobody eligible owns the system", async () => {
    const lonely = await makeTeam(db);
    await makeUser(db, { level: "MID", teamId: lonely.id });
    const system = await makeSystem(db, { tier: 2, owningTeamId: lonely.id });
    const repo = await makeRepository(db, {
      systemIds: [system.id],
      rules: [{ pattern: "*", systemId: system.id, teamIds: [lonely.id] }],
    });
    const { key } = await saveChange(junior, {
      ...base(),
      repository: repo.name,
      paths: ["src/a.ts"],
      linesChanged: 10,
    });
    const change = await db.changeRequest.findUniqueOrThrow({
      where: { key },
      include: { requirements: true, assignments: true },
    });
    expect(change.requirements[0]!.state).toBe("UNROUTABLE");
    expect(change.requirements[0]!.stateReason).toMatch(
      /needs 1 distinct eligible reviewer, none is eligible \(others: MID below SENIOR\)/,
    );
    expect(change.assignments).toEqual([]);
  });

  it("keys are CR-1, CR-2, ... without gaps under concurrent submissions", async () => {
    const before = (await db.counter.findUniqueOrThrow({ where: { name: "change" } })).value;
    const saved = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        saveChange(junior, {
          ...base(),
          title: `Concurrent change ${i}`,
          paths: ["services/payments/a.ts"],
          linesChanged: 5,
        }),
      ),
    );
    const numbers = saved.map((s) => Number(s.key.slice(3))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => before + 1 + i));
  });

  it("saves a draft without routing, then submits the same change", async () => {
    const draft = await saveChange(junior, {
      title: "Draft: tidy retry config",
      repository: repoName,
      aiExtent: "NONE",
      submit: false,
    });
    expect(draft.status).toBe("DRAFT");
    const row = await db.changeRequest.findUniqueOrThrow({
      where: { key: draft.key },
      include: { requirements: true },
    });
    expect(row.requirements).toEqual([]);
    expect(row.slaDueAt).toBeNull();
    const submitted = await saveChange(junior, {
      ...base(),
      key: draft.key,
      paths: ["services/payments/config.ts"],
      linesChanged: 3,
    });
    expect(submitted).toEqual({ key: draft.key, status: "PENDING" });
    expect(await db.requirement.count({ where: { changeId: row.id } })).toBe(1);
    await expect(
      saveChange(junior, { ...base(), key: draft.key, paths: ["x"], linesChanged: 1 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("someone else's draft answers 404", async () => {
    const draft = await saveChange(junior, {
      title: "Private draft",
      repository: repoName,
      aiExtent: "NONE",
    });
    const other = asSessionUser(await makeUser(db, { level: "JUNIOR" }));
    await expect(
      saveChange(other, {
        title: "Hijack",
        repository: repoName,
        aiExtent: "NONE",
        key: draft.key,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("bad input gets a clear error and saves nothing", () => {
  it.each([
    [
      "a malformed diff",
      () => ({ ...base(), diff: "this is not a diff at all" }),
      "diff",
      /not a unified diff/,
    ],
    [
      "a truncated diff",
      () => ({ ...base(), diff: DIFF("a.ts", ["x"]).replace("+1,2", "+1,7") }),
      "diff",
      /truncated/,
    ],
    [
      "an unknown repository",
      () => ({ ...base(), repository: "nope/nothing", paths: ["a"], linesChanged: 1 }),
      "repository",
      /unknown repository "nope\/nothing"/,
    ],
    [
      "a 6 MB upload",
      () => ({ ...base(), diff: DIFF("big.txt", ["x".repeat(6 * 1024 * 1024)]) }),
      "diff",
      /larger than 5 MB/,
    ],
    [
      "a missing intent",
      () => ({ ...base(), intent: "", paths: ["a"], linesChanged: 1 }),
      "intent",
      /is required/,
    ],
    ["no diff and no paths", () => ({ ...base() }), "diff", /give the diff/],
    [
      "an AI change without its tools",
      () => ({ ...base(), aiTools: [], paths: ["a"], linesChanged: 1 }),
      "aiTools",
      /name the AI tool/,
    ],
    [
      "an emergency without justification",
      () => ({ ...base(), emergency: true, paths: ["a"], linesChanged: 1 }),
      "emergencyJustification",
      /required for an emergency/,
    ],
    [
      "an unknown co-author",
      () => ({ ...base(), coAuthors: ["nobody.here"], paths: ["a"], linesChanged: 1 }),
      "coAuthors",
      /no active person/,
    ],
    [
      "an unknown AI extent",
      () => ({ ...base(), aiExtent: "LOTS", paths: ["a"], linesChanged: 1 }),
      "aiExtent",
      /choose how much/,
    ],
    [
      "an unknown field",
      () => ({ ...base(), paths: ["a"], linesChanged: 1, approvedBy: "me" }),
      "(body)",
      /Unrecognized key/,
    ],
    [
      "a risk-flagged change without a rollback plan",
      () => ({ ...base(), rollbackPlan: "", diff: DIFF("db/migrations/1.sql", ["DROP TABLE t;"]) }),
      "rollbackPlan",
      /required for a risk-flagged change/,
    ],
  ])("%s", async (_name, input, field, message) => {
    const before = await counts();
    const error = await saveChange(junior, input()).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("VALIDATION");
    const problem = (error.details as { field: string; message: string }[]).find(
      (d) => d.field === field,
    );
    expect(problem?.message).toMatch(message);
    expect(await counts()).toEqual(before);
  });
});

describe("routing preview", () => {
  it("shows the same decision without saving anything", async () => {
    // Fresh reviewers: the submissions above filled the first team's queues.
    const team = await makeTeam(db);
    for (const level of ["SENIOR", "SENIOR", "SENIOR", "PRINCIPAL"] as const)
      await makeUser(db, { level, teamId: team.id });
    const t1System = await makeSystem(db, { tier: 1, owningTeamId: team.id });
    const t3System = await makeSystem(db, { tier: 3, owningTeamId: team.id });
    const repo = await makeRepository(db, {
      rules: [
        { pattern: "*", systemId: t3System.id, teamIds: [team.id] },
        { pattern: "/services/payments/", systemId: t1System.id, teamIds: [team.id] },
      ],
    });
    const before = await counts();
    const preview = await previewRouting(junior, {
      repository: repo.name,
      paths: ["services/payments/api.ts", "README.md"],
      aiExtent: "AGENTIC",
      riskFlags: [],
      linesChanged: 500,
    });
    const [tier1, tier3] = [t1System, t3System];
    expect(preview.systems.map((s) => s.slug).sort()).toEqual([tier1.slug, tier3.slug].sort());
    const t1 = preview.requirements.find((r) => r.system.slug === tier1.slug)!;
    expect([t1.approvalsRequired, t1.minLevel, t1.principalRequired]).toEqual([3, "SENIOR", true]); // oversized + agentic on tier 1
    expect(preview.oversized).toBe(true);
    expect(preview.warnings.join(" ")).toMatch(/consider splitting/);
    expect(preview.reviewers.length).toBeGreaterThanOrEqual(3);
    expect(preview.reviewers.map((r) => r.handle)).not.toContain(junior.handle);
    expect(preview.estimate?.hours).toBeGreaterThan(0);
    expect(await counts()).toEqual(before);
  });

  it("acts for another author by e-mail", async () => {
    const preview = await previewRouting(junior, {
      repository: repoName,
      paths: ["services/payments/a.ts"],
      aiExtent: "GENERATED",
      authorEmail: principal.email,
      linesChanged: 1,
    });
    const t1 = preview.requirements[0]!;
    expect(t1.candidates.find((c) => c.handle === principal.handle)?.reason).toBe(
      "excluded: author",
    );
    await expect(
      previewRouting(junior, {
        repository: repoName,
        aiExtent: "NONE",
        authorEmail: "ghost@nowhere.example",
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
