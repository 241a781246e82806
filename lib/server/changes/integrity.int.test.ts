// Sign-off integrity (issue 12's defects): who may sign is one answer, whatever the entry point,
// and a path cannot be spelled around its owners.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { can } from "@/lib/authz/can";
import { makeRepository, makeSystem, makeTeam, makeUser } from "@/prisma/factories";
import { asSessionUser } from "@/lib/testing/actors";
import { approval, openedAgo, submitAiChange } from "@/lib/testing/changes";
import type { PersonActor } from "@/lib/domain/actor";
import { previewRouting } from "@/lib/server/routing/preview";
import { queuePage, queueFiltersSchema } from "@/lib/server/queue";
import { saveChange } from "./save";
import { reviewPageData } from "./review-page";
import { importCodeowners } from "@/lib/server/imports/codeowners";
import { systemActor } from "@/lib/domain/actor";
import { markFileViewed, reviewChange } from "./review";
import { deployChange, reviseChange, withdrawChange } from "./transitions";
import { assignmentLabel } from "@/lib/domain/changes/progress";

const all = queueFiltersSchema.parse({});
const inQueue = async (user: PersonActor, key: string) =>
  (await queuePage(user, all, 200)).rows.some((r) => r.key === key);

interface Checkout {
  junior: PersonActor;
  teamSeniors: PersonActor[];
  /** A senior of another team, named on the `/docs/` line only. */
  docsSenior: PersonActor;
  repo: string;
}

/** acme/checkout-web: `* @acme/checkout` and `/docs/ @acme/checkout <docsSenior>`. */
async function checkout(tier = 1): Promise<Checkout> {
  const team = await makeTeam(db);
  const junior = asSessionUser(await makeUser(db, { level: "JUNIOR", teamId: team.id }));
  const teamSeniors = [
    asSessionUser(await makeUser(db, { level: "SENIOR", teamId: team.id })),
    asSessionUser(await makeUser(db, { level: "SENIOR", teamId: team.id })),
  ];
  const docsSenior = asSessionUser(
    await makeUser(db, { level: "SENIOR", teamId: (await makeTeam(db)).id }),
  );
  const system = await makeSystem(db, { tier, owningTeamId: team.id });
  const repo = await makeRepository(db, {
    rules: [
      { pattern: "*", systemId: system.id, teamIds: [team.id] },
      { pattern: "/docs/", systemId: system.id, teamIds: [team.id], userIds: [docsSenior.id] },
    ],
  });
  return { junior, teamSeniors, docsSenior, repo: repo.name };
}

let c: Checkout;
beforeEach(async () => {
  c = await checkout(2);
});

describe("defect 1: a CODEOWNERS owner of another path may not sign", () => {
  it("refuses the /docs/ owner's approval of a change to src/app.ts, and the change stays undeployable", async () => {
    const { key } = await submitAiChange(c.junior, c.repo, { paths: ["src/app.ts"] });
    await expect(reviewChange(c.docsSenior, key, approval())).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await db.review.count({ where: { change: { key } } })).toBe(0);
    await expect(deployChange(c.junior, key)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("accepts the same person when the change touches docs/, the line they own", async () => {
    const { key } = await submitAiChange(c.junior, c.repo, { paths: ["docs/guide.md"] });
    expect((await reviewChange(c.docsSenior, key, approval())).status).toBe("APPROVED");
  });
});

describe("a re-imported CODEOWNERS file moves open changes' owners with it", () => {
  it("the people the new file names own the open change; the people it no longer names do not", async () => {
    const team = await makeTeam(db);
    const junior = asSessionUser(await makeUser(db, { level: "JUNIOR", teamId: team.id }));
    await makeUser(db, { level: "SENIOR", teamId: team.id });
    const first = asSessionUser(await makeUser(db, { level: "SENIOR" }));
    const second = asSessionUser(await makeUser(db, { level: "SENIOR" }));
    const system = await makeSystem(db, { tier: 2, owningTeamId: team.id });
    const repo = await makeRepository(db, { systemIds: [system.id] });
    const file = (owner: PersonActor) =>
      `* @acme/${team.slug}\n/docs/ @acme/${team.slug} ${owner.email}\n`;
    await importCodeowners(systemActor("test"), { repository: repo.name, text: file(first) });
    const { key } = await submitAiChange(junior, repo.name, { paths: ["docs/guide.md"] });
    const standing = async (who: PersonActor) => (await reviewPageData(who, key)).canReview;
    expect(await standing(first)).toBe(true);
    expect(await standing(second)).toBe(false);

    await importCodeowners(systemActor("test"), { repository: repo.name, text: file(second) });
    expect(await standing(first)).toBe(false);
    expect(await standing(second)).toBe(true);
    expect(await inQueue(second, key)).toBe(true);
    await expect(reviewChange(first, key, approval())).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await reviewChange(second, key, approval())).status).toBe("APPROVED");
  });
});

describe("defect 3: the queue shows exactly the changes a person may approve", () => {
  it("a CODEOWNERS-only owner of the changed path sees the change; an owner of another path does not", async () => {
    // Out of office: never assigned, so only the queue's "eligible" half can show them the change.
    await db.user.update({
      where: { id: c.docsSenior.id },
      data: { outOfOfficeUntil: new Date(Date.now() + 7 * 86400_000) },
    });
    const docs = await submitAiChange(c.junior, c.repo, { paths: ["docs/guide.md"] });
    const src = await submitAiChange(c.junior, c.repo, { paths: ["src/app.ts"] });
    expect(await inQueue(c.docsSenior, docs.key)).toBe(true);
    expect(await inQueue(c.docsSenior, src.key)).toBe(false);
    expect(await db.assignment.count({ where: { reviewerId: c.docsSenior.id } })).toBe(0);
  });
});

describe("defect 2: paths cannot be spelled around their owners", () => {
  async function twoTiers() {
    const low = await makeTeam(db);
    const high = await makeTeam(db);
    const author = asSessionUser(await makeUser(db, { level: "JUNIOR", teamId: low.id }));
    const lowSenior = asSessionUser(await makeUser(db, { level: "SENIOR", teamId: low.id }));
    const highSenior = asSessionUser(await makeUser(db, { level: "SENIOR", teamId: high.id }));
    const misc = await makeSystem(db, { tier: 3, owningTeamId: low.id });
    const pay = await makeSystem(db, { tier: 1, owningTeamId: high.id });
    const repo = await makeRepository(db, {
      rules: [
        { pattern: "*", systemId: misc.id, teamIds: [low.id] },
        { pattern: "/apps/web/checkout/", systemId: pay.id, teamIds: [high.id] },
      ],
    });
    return { author, lowSenior, highSenior, misc, pay, repo: repo.name };
  }

  it.each([
    "apps/web/./checkout/pay.ts",
    "./apps/web/checkout/pay.ts",
    "apps//web/checkout/pay.ts",
    "apps/web/x/../checkout/pay.ts",
    "/apps/web/checkout/pay.ts",
  ])("refuses the listed path %s with a 400 naming it, and writes nothing", async (path) => {
    const t = await twoTiers();
    const before = await db.changeRequest.count();
    const error = await submitAiChange(t.author, t.repo, { paths: [path] }).catch((e) => e);
    expect(error).toMatchObject({ code: "VALIDATION" });
    expect(JSON.stringify(error.details)).toContain(path);
    expect(await db.changeRequest.count()).toBe(before);
    await expect(
      previewRouting(t.author, { repository: t.repo, paths: [path], aiExtent: "GENERATED" }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("refuses a diff whose header spells a path around its owners", async () => {
    const t = await twoTiers();
    const diff = [
      "diff --git a/apps/web/./checkout/pay.ts b/apps/web/./checkout/pay.ts",
      "--- a/apps/web/./checkout/pay.ts",
      "+++ b/apps/web/./checkout/pay.ts",
      "@@ -1 +1 @@",
      "-a",
      "+b",
      "",
    ].join("\n");
    const error = await submitAiChange(t.author, t.repo, { diff, paths: [] }).catch((e) => e);
    expect(error).toMatchObject({ code: "VALIDATION" });
    expect(JSON.stringify(error.details)).toContain("apps/web/./checkout/pay.ts");
  });

  it("routes a rename to the owners of both its old and its new path", async () => {
    const t = await twoTiers();
    const diff = [
      "diff --git a/apps/web/checkout/pay.ts b/apps/web/misc/pay.ts",
      "similarity index 100%",
      "rename from apps/web/checkout/pay.ts",
      "rename to apps/web/misc/pay.ts",
      "",
    ].join("\n");
    const preview = await previewRouting(t.author, {
      repository: t.repo,
      diff,
      aiExtent: "GENERATED",
    });
    expect(preview.requirements.map((r) => r.system.tier).sort()).toEqual([1, 3]);
    const { key } = await submitAiChange(t.author, t.repo, { diff, paths: [] });
    const requirements = await db.requirement.findMany({ where: { change: { key } } });
    expect(requirements.map((r) => r.systemId).sort()).toEqual([t.misc.id, t.pay.id].sort());
    // The tier-3 owner alone cannot ship code moved out of the tier-1 system.
    await reviewChange(t.lowSenior, key, approval());
    await expect(deployChange(t.author, key)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses a new revision that lists a non-canonical path", async () => {
    const t = await twoTiers();
    const { key } = await submitAiChange(t.author, t.repo, { paths: ["apps/web/misc/a.ts"] });
    await expect(
      reviseChange(t.author, key, { paths: ["apps/web/./checkout/pay.ts"], linesChanged: 3 }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });
});

describe("defect 4: anyone routing can assign has a queue", () => {
  it("a MID owner assigned to a no-AI tier-3 change may read the queue, and it shows the change", async () => {
    const team = await makeTeam(db);
    const author = asSessionUser(await makeUser(db, { level: "SENIOR", teamId: team.id }));
    const mid = asSessionUser(await makeUser(db, { level: "MID", teamId: team.id }));
    const system = await makeSystem(db, { tier: 3, owningTeamId: team.id });
    const repo = await makeRepository(db, {
      rules: [{ pattern: "*", systemId: system.id, teamIds: [team.id] }],
    });
    const { key } = await submitAiChange(author, repo.name, { aiExtent: "NONE", aiTools: [] });
    const assigned = await db.assignment.findMany({ where: { change: { key } } });
    expect(assigned.map((a) => a.reviewerId)).toEqual([mid.id]);
    expect(can(mid, "queue:read")).toBe(true);
    expect(await inQueue(mid, key)).toBe(true);
    const junior = asSessionUser(await makeUser(db, { level: "JUNIOR", teamId: team.id }));
    expect(can(junior, "queue:read")).toBe(false);
  });
});

describe("approval progress", () => {
  it("after one of two approvals, the requirement and the toast say what is still needed, and the queue waits for the 2nd approval", async () => {
    const t1 = await checkout(1);
    const { key } = await submitAiChange(t1.junior, t1.repo, { paths: ["src/app.ts"] });
    const first = await reviewChange(t1.teamSeniors[0]!, key, approval());
    const line = `1 of 2 approvals (${t1.teamSeniors[0]!.name} ✓), 1 more SENIOR+ needed`;
    expect(first.progress).toEqual([expect.stringContaining(line)]);
    expect(Object.values((await reviewPageData(t1.teamSeniors[1]!, key)).progress)).toEqual([line]);
    const row = (await queuePage(t1.teamSeniors[1]!, all, 200)).rows.find((r) => r.key === key);
    expect(row?.approvals).toBe(1);
  });

  it("a withdrawn change's reviewers read as released", async () => {
    const { key } = await submitAiChange(c.junior, c.repo, { paths: ["src/app.ts"] });
    await withdrawChange(c.junior, key);
    const assignments = await db.assignment.findMany({ where: { change: { key } } });
    expect(assignments.length).toBeGreaterThan(0);
    expect(assignments.map((a) => assignmentLabel(a.state, "WITHDRAWN"))).toEqual(
      assignments.map(() => "released"),
    );
  });
});

describe("defect 5: the preview and submission decide co-authors the same way", () => {
  it("the preview refuses an inactive co-author, as submission does", async () => {
    const gone = await makeUser(db, { level: "MID", active: false });
    const body = {
      repository: c.repo,
      paths: ["src/app.ts"],
      linesChanged: 10,
      aiExtent: "GENERATED",
      coAuthors: [gone.handle],
    };
    await expect(previewRouting(c.junior, body)).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(submitAiChange(c.junior, c.repo, body)).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });
});

describe("defect 6: the time a review took is measured on the server", () => {
  it("an approval claiming an hour, made without opening the change, is a possible rubber stamp", async () => {
    const { key } = await submitAiChange(c.junior, c.repo, {
      paths: ["src/app.ts"],
      linesChanged: 900,
    });
    const result = await reviewChange(c.teamSeniors[0]!, key, approval(1, { secondsSpent: 3600 }));
    expect(result.possibleRubberStamp).toBe(true);
    const review = await db.review.findFirstOrThrow({ where: { change: { key } } });
    expect(review.secondsSpent).toBeLessThan(60);
    expect(review.rubberStampReasons.join(" ")).toMatch(/900 changed lines in \d+ s/);
    expect(review.clientSecondsSpent).toBe(3600);
  });

  it("the time counts from the reviewer's first open of the revision", async () => {
    const { key } = await submitAiChange(c.junior, c.repo, {
      paths: ["src/app.ts"],
      linesChanged: 900,
    });
    await openedAgo(c.teamSeniors[0]!, key, 1200);
    await openedAgo(c.teamSeniors[0]!, key, 5); // a later open changes nothing
    await markFileViewed(c.teamSeniors[0]!, key, { revision: 1, path: "src/app.ts", viewed: true });
    const result = await reviewChange(c.teamSeniors[0]!, key, approval(1, { secondsSpent: 1 }));
    expect(result.possibleRubberStamp).toBe(false);
    const review = await db.review.findFirstOrThrow({ where: { change: { key } } });
    expect(review.secondsSpent).toBeGreaterThanOrEqual(1200);
  });

  it("nobody who may not sign the change starts a measured time by opening it", async () => {
    const { key } = await submitAiChange(c.junior, c.repo, { paths: ["src/app.ts"] });
    expect((await openedAgo(c.docsSenior, key, 600)).openedAt).toBeNull();
    expect((await openedAgo(c.junior, key, 600)).openedAt).toBeNull();
    expect(await db.reviewOpen.count({ where: { change: { key } } })).toBe(0);
  });
});

describe("defect 7: drafts belong to their authors", () => {
  it("nobody but a person who may review marks files viewed, and a draft answers 404 to them", async () => {
    const draft = await saveChange(c.junior, {
      title: "Half-written retry",
      repository: c.repo,
      aiExtent: "GENERATED",
      paths: ["src/secret-plan.ts"],
      linesChanged: 4,
    });
    for (const path of ["src/secret-plan.ts", "src/other.ts"]) {
      await expect(
        markFileViewed(c.teamSeniors[0]!, draft.key, { revision: 1, path, viewed: true }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    const outsider = asSessionUser(await makeUser(db, { level: "SENIOR" }));
    const { key } = await submitAiChange(c.junior, c.repo, { paths: ["src/app.ts"] });
    await expect(
      markFileViewed(outsider, key, { revision: 1, path: "src/app.ts", viewed: true }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.fileView.count({ where: { change: { key: { in: [key, draft.key] } } } })).toBe(
      0,
    );
  });
});
