import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeRepository, makeSystem, makeTeam, makeUser } from "@/prisma/factories";
import { asSessionUser } from "@/lib/testing/actors";
import { approval, openedAgo, submitAiChange } from "@/lib/testing/changes";
import type { PersonActor } from "@/lib/domain/actor";
import { saveChange } from "./save";
import { markFileViewed, reviewChange } from "./review";
import { deployChange, reviseChange, rollBackChange, withdrawChange } from "./transitions";
import { queueCounts, queuePage, queueFiltersSchema } from "@/lib/server/queue";
import { escalateOverdue } from "@/lib/server/sla";
import { AppError } from "@/lib/errors";

interface World {
  author: PersonActor;
  seniors: PersonActor[];
  principal: PersonActor;
  outsider: PersonActor;
  repo: string;
  systemId: string;
  managerId: string;
}

async function world(tier = 1, reviewers = 3): Promise<World> {
  const manager = await makeUser(db, { level: "SENIOR", roles: ["MANAGER"] });
  const team = await makeTeam(db, { managerId: manager.id });
  const author = asSessionUser(await makeUser(db, { level: "JUNIOR", teamId: team.id }));
  const seniors: PersonActor[] = [];
  for (let i = 0; i < reviewers; i++)
    seniors.push(asSessionUser(await makeUser(db, { level: "SENIOR", teamId: team.id })));
  const principal = asSessionUser(await makeUser(db, { level: "PRINCIPAL", teamId: team.id }));
  const outsider = asSessionUser(await makeUser(db, { level: "PRINCIPAL" }));
  const system = await makeSystem(db, { tier, owningTeamId: team.id });
  const repo = await makeRepository(db, {
    rules: [{ pattern: "*", systemId: system.id, teamIds: [team.id] }],
  });
  return {
    author,
    seniors,
    principal,
    outsider,
    repo: repo.name,
    systemId: system.id,
    managerId: manager.id,
  };
}

const submit = (w: World, over: Record<string, unknown> = {}) =>
  submitAiChange(w.author, w.repo, over);
const approve = approval;

async function status(key: string) {
  return (await db.changeRequest.findUniqueOrThrow({ where: { key } })).status;
}

let w: World;
beforeEach(async () => {
  w = await world();
});

describe("reviewing", () => {
  it("two SENIOR approvals make a tier-1 change APPROVED, notify the author and close the other assignments", async () => {
    const { key } = await submit(w);
    expect((await reviewChange(w.seniors[0]!, key, approve())).status).toBe("PENDING");
    const second = await reviewChange(w.seniors[1]!, key, approve());
    expect(second.status).toBe("APPROVED");
    const change = await db.changeRequest.findUniqueOrThrow({
      where: { key },
      include: { assignments: true, requirements: true },
    });
    expect(change.approvedAt).not.toBeNull();
    expect(change.firstReviewAt).not.toBeNull();
    expect(change.requirements.map((r) => r.state)).toEqual(["SATISFIED"]);
    expect(change.assignments.every((a) => a.state !== "OPEN")).toBe(true);
    const notes = await db.notification.findMany({
      where: { userId: w.author.id, changeKey: key },
    });
    expect(notes.map((n) => n.kind)).toContain("APPROVED");
  });

  it("refuses someone who does not own the system (403), and the author even as a SENIOR", async () => {
    const { key } = await submit(w);
    await expect(reviewChange(w.outsider, key, approve())).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/not an owner/),
    });
    const seniorAuthorWorld = await world(1);
    const seniorAuthor = seniorAuthorWorld.seniors[0]!;
    const own = await saveChange(seniorAuthor, {
      submit: true,
      title: "A senior's own change",
      intent: "Seniors cannot sign off their own work either; this proves it.",
      repository: seniorAuthorWorld.repo,
      aiExtent: "NONE",
      paths: ["a.ts"],
      linesChanged: 3,
    });
    await expect(reviewChange(seniorAuthor, own.key, approve())).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/author/),
    });
    expect(await db.review.count({ where: { change: { key: { in: [key, own.key] } } } })).toBe(0);
  });

  it.each([
    ["an approval without an attestation", { attestation: "ok" }, "attestation"],
    [
      "a changes request without a comment",
      { decision: "REQUEST_CHANGES", comment: "" },
      "comment",
    ],
    ["a rejection without a reason", { decision: "REJECT", comment: "" }, "comment"],
    ["an unknown decision", { decision: "MAYBE" }, "decision"],
  ])("refuses %s, naming the field", async (_n, over, field) => {
    const { key } = await submit(w);
    const error = await reviewChange(w.seniors[0]!, key, { ...approve(), ...over }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("VALIDATION");
    expect((error.details as { field: string }[]).map((d) => d.field)).toContain(field);
    expect(await db.review.count({ where: { change: { key } } })).toBe(0);
  });

  it("a risk-flagged change needs each checklist item ticked", async () => {
    const { key } = await submit(w, {
      riskFlags: ["DATA_MIGRATION"],
      rollbackPlan: "Run the down migration; it restores the column.",
    });
    const error = await reviewChange(w.seniors[0]!, key, approve()).catch((e) => e);
    expect((error.details as { field: string; message: string }[])[0]).toEqual({
      field: "checklist.DATA_MIGRATION",
      message: 'tick "I reviewed the data migration"',
    });
    expect(
      (await reviewChange(w.seniors[0]!, key, approve(1, { checklist: ["DATA_MIGRATION"] })))
        .decision,
    ).toBe("APPROVE");
  });

  it("flags a possible rubber stamp: too fast, or files not opened; it still counts", async () => {
    const { key } = await submit(w);
    await markFileViewed(w.seniors[0]!, key, { revision: 1, path: "src/retry.ts", viewed: true });
    const fast = await reviewChange(w.seniors[0]!, key, approve(1, { secondsSpent: 5 }));
    expect(fast.possibleRubberStamp).toBe(true);
    const review = await db.review.findFirstOrThrow({
      where: { change: { key }, reviewerId: w.seniors[0]!.id },
    });
    // The time is the server's (from the first file marked, moments ago), not the 5 s claimed.
    expect(review.rubberStampReasons).toEqual([
      expect.stringMatching(/^approved 60 changed lines in [0-2] s \(under 60 s\)$/),
      "opened 1 of 2 files",
    ]);
    expect(review.filesViewed).toEqual(["src/retry.ts"]);
    await openedAgo(w.seniors[1]!, key, 300);
    await markFileViewed(w.seniors[1]!, key, { revision: 1, path: "src/retry.ts", viewed: true });
    await markFileViewed(w.seniors[1]!, key, {
      revision: 1,
      path: "src/retry.test.ts",
      viewed: true,
    });
    expect(
      (await reviewChange(w.seniors[1]!, key, approve(1, { secondsSpent: 300 })))
        .possibleRubberStamp,
    ).toBe(false);
    expect(await status(key)).toBe("APPROVED");
  });

  it("a request for changes blocks until that reviewer approves a later revision", async () => {
    const { key } = await submit(w);
    await reviewChange(w.seniors[0]!, key, {
      revision: 1,
      decision: "REQUEST_CHANGES",
      comment: "Cap the retries and add jitter to the test.",
    });
    expect(await status(key)).toBe("CHANGES_REQUESTED");
    // Two other approvals do not override the block.
    await reviewChange(w.seniors[1]!, key, approve());
    await reviewChange(w.seniors[2]!, key, approve());
    expect(await status(key)).toBe("CHANGES_REQUESTED");
    const revised = await reviseChange(w.author, key, {
      paths: ["src/retry.ts", "src/retry.test.ts"],
      linesChanged: 70,
      note: "Capped at one retry.",
    });
    expect(revised).toMatchObject({ status: "PENDING", revision: 2 });
    // Earlier approvals no longer count; everyone who engaged is back, and was told.
    const assignments = await db.assignment.findMany({ where: { change: { key } } });
    expect(
      assignments
        .filter((a) => a.state === "OPEN")
        .map((a) => a.reviewerId)
        .sort(),
    ).toEqual(
      expect.arrayContaining([w.seniors[0]!.id, w.seniors[1]!.id, w.seniors[2]!.id].sort()),
    );
    const told = await db.notification.findMany({
      where: { changeKey: key, kind: "NEW_REVISION" },
    });
    expect(told.map((n) => n.userId).sort()).toEqual(
      expect.arrayContaining([w.seniors[0]!.id, w.seniors[1]!.id, w.seniors[2]!.id]),
    );
    await reviewChange(w.seniors[1]!, key, approve(2));
    await reviewChange(w.seniors[2]!, key, approve(2));
    // Still blocked by the reviewer who asked for changes.
    expect(await status(key)).toBe("PENDING");
    await reviewChange(w.seniors[0]!, key, approve(2));
    expect(await status(key)).toBe("APPROVED");
  });

  it("an approval of an old revision is refused with 409 and changes nothing", async () => {
    const { key } = await submit(w);
    await reviseChange(w.author, key, { paths: ["src/retry.ts"], linesChanged: 10 });
    const error = await reviewChange(w.seniors[0]!, key, approve(1)).catch((e) => e);
    expect(error.code).toBe("CONFLICT");
    expect(error.status).toBe(409);
    expect(error.message).toMatch(/newer revision \(2\)/);
    expect(await db.review.count({ where: { change: { key } } })).toBe(0);
  });

  it("a rejection is final and closes the change", async () => {
    const { key } = await submit(w);
    await reviewChange(w.seniors[0]!, key, {
      revision: 1,
      decision: "REJECT",
      comment: "This reintroduces the double charge we fixed last year.",
    });
    expect(await status(key)).toBe("REJECTED");
    await expect(reviewChange(w.seniors[1]!, key, approve())).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(
      reviseChange(w.author, key, { paths: ["a"], linesChanged: 1 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("concurrency", () => {
  it("twenty reviewers approving at once count once each, and the change is approved exactly once", async () => {
    const big = await world(1, 20);
    const { key } = await submit(big);
    const results = await Promise.allSettled(
      big.seniors.map((s) => reviewChange(s, key, approve())),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(20);
    expect(await db.review.count({ where: { change: { key } } })).toBe(20);
    expect(await status(key)).toBe("APPROVED");
    expect(await db.notification.count({ where: { changeKey: key, kind: "APPROVED" } })).toBe(1);
    const events = await db.auditEvent.findMany({
      where: { changeKey: key, action: "review.submitted" },
    });
    expect(events).toHaveLength(20);
    expect(
      events.filter((e) => (e.payload as { status: string }).status === "APPROVED"),
    ).toHaveLength(19);
  });

  it("a double click is idempotent: one review, one event", async () => {
    const { key } = await submit(w);
    const [a, b] = await Promise.all([
      reviewChange(w.seniors[0]!, key, approve()),
      reviewChange(w.seniors[0]!, key, approve()),
    ]);
    expect([a.repeated, b.repeated].sort()).toEqual([false, true]);
    expect(await db.review.count({ where: { change: { key } } })).toBe(1);
    expect(
      await db.auditEvent.count({ where: { changeKey: key, action: "review.submitted" } }),
    ).toBe(1);
    await expect(
      reviewChange(w.seniors[0]!, key, {
        revision: 1,
        decision: "REQUEST_CHANGES",
        comment: "Changed my mind.",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("the author's transitions", () => {
  it("deploy an approved change, then roll it back", async () => {
    const { key } = await submit(w);
    await expect(deployChange(w.author, key)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/cannot be deployed yet/),
    });
    await reviewChange(w.seniors[0]!, key, approve());
    await reviewChange(w.seniors[1]!, key, approve());
    await expect(deployChange(w.seniors[0]!, key)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await deployChange(w.author, key)).status).toBe("DEPLOYED");
    await expect(rollBackChange(w.author, key, { reason: "" })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    expect(
      (await rollBackChange(w.author, key, { reason: "Error rate rose on checkout." })).status,
    ).toBe("ROLLED_BACK");
  });

  it("withdraw closes the change and frees the reviewers", async () => {
    const { key } = await submit(w);
    await withdrawChange(w.author, key);
    expect(await status(key)).toBe("WITHDRAWN");
    expect(await db.assignment.count({ where: { change: { key }, state: "OPEN" } })).toBe(0);
    await expect(reviewChange(w.seniors[0]!, key, approve())).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("an emergency deploys with one SENIOR approval; the full review is then due within 24 hours", async () => {
    const { key } = await submit(w, {
      emergency: true,
      emergencyJustification: "Checkout is failing for 30% of customers right now.",
    });
    await reviewChange(w.seniors[0]!, key, approve());
    expect(await status(key)).toBe("PENDING");
    expect((await deployChange(w.author, key)).status).toBe("DEPLOYED");
    const deployed = await db.changeRequest.findUniqueOrThrow({ where: { key } });
    expect(deployed.retrospectiveDueAt!.getTime() - deployed.deployedAt!.getTime()).toBe(
      24 * 3600_000,
    );
    await reviewChange(w.seniors[1]!, key, approve());
    expect(
      (await db.changeRequest.findUniqueOrThrow({ where: { key } })).retrospectiveDoneAt,
    ).not.toBeNull();
  });
});

describe("the queue", () => {
  it("shows assigned changes first, then eligible ones, by SLA; never the reviewer's own", async () => {
    const first = await submit(w, { title: "First change in the queue" });
    const second = await submit(w, { title: "Second change in the queue" });
    const reviewer = w.principal;
    const page = await queuePage(reviewer, queueFiltersSchema.parse({}));
    const keys = page.rows.map((r) => r.key);
    expect(keys).toEqual(expect.arrayContaining([first.key, second.key]));
    const assignedFirst = page.rows.findIndex((r) => !r.assigned);
    expect(
      page.rows.slice(0, assignedFirst === -1 ? undefined : assignedFirst).every((r) => r.assigned),
    ).toBe(true);
    const counts = await queueCounts(reviewer, queueFiltersSchema.parse({}));
    expect(counts.assigned + counts.eligible).toBeGreaterThanOrEqual(2);
    expect(counts.byTier[1]).toBeGreaterThanOrEqual(2);
    expect(
      (await queuePage(w.author, queueFiltersSchema.parse({}))).rows.map((r) => r.key),
    ).not.toContain(first.key);
    expect(
      (await queuePage(reviewer, queueFiltersSchema.parse({ tier: "3" }))).rows.map((r) => r.key),
    ).not.toContain(first.key);
    expect((await queuePage(reviewer, queueFiltersSchema.parse({ ai: "NONE" }))).rows).toEqual([]);
  });

  it("pages with a keyset cursor", async () => {
    for (let i = 0; i < 5; i++) await submit(w, { title: `Paged change ${i}` });
    const p1 = await queuePage(w.principal, queueFiltersSchema.parse({}), 2);
    const p2 = await queuePage(w.principal, queueFiltersSchema.parse({ after: p1.nextCursor }), 2);
    expect(p1.rows).toHaveLength(2);
    expect(p2.rows).toHaveLength(2);
    expect(p2.rows.map((r) => r.key)).not.toContain(p1.rows[0]!.key);
  });
});

describe("SLA escalation", () => {
  it("re-assigns an overdue change to the next eligible reviewers, tells the manager and records it", async () => {
    const { key } = await submit(w);
    const before = await db.assignment.findMany({ where: { change: { key }, state: "OPEN" } });
    await db.changeRequest.update({
      where: { key },
      data: { slaDueAt: new Date(Date.now() - 60_000) },
    });
    expect(await escalateOverdue()).toBeGreaterThanOrEqual(1);
    const after = await db.assignment.findMany({ where: { change: { key }, state: "OPEN" } });
    expect(after.length).toBeGreaterThan(0);
    expect(
      after.map((a) => a.reviewerId).some((id) => before.some((b) => b.reviewerId === id)),
    ).toBe(false);
    expect(after.every((a) => a.reason.startsWith("SLA breached"))).toBe(true);
    expect(
      await db.notification.count({
        where: { changeKey: key, kind: "SLA_BREACH", userId: w.managerId },
      }),
    ).toBe(1);
    expect(
      (await db.changeRequest.findUniqueOrThrow({ where: { key } })).slaBreachedAt,
    ).not.toBeNull();
    expect(
      await db.auditEvent.count({ where: { changeKey: key, action: "change.sla_breached" } }),
    ).toBe(1);
    expect(await escalateOverdue()).toBe(0);
  });
});
