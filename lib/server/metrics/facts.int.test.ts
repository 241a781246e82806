// The dashboard's facts and rollups (migration metrics_rollups) follow every write, whatever
// makes it: the portal's use cases, an admin's system edit, or direct SQL, concurrently or not.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeRepository, makeSystem, makeTeam, makeUser } from "@/prisma/factories";
import { asSessionUser } from "@/lib/testing/actors";
import { approval, submitAiChange } from "@/lib/testing/changes";
import type { PersonActor } from "@/lib/domain/actor";
import { SIZE_BUCKETS, sizeBucket } from "@/lib/domain/metrics/size";
import { reviewChange } from "@/lib/server/changes/review";
import { deployChange, reviseChange } from "@/lib/server/changes/transitions";
import { linkChange, recordIncident } from "@/lib/server/incidents/incidents";
import { updateSystem } from "@/lib/server/system-edit";
import { resolveMetricsScope } from "./filters";
import { getMetrics } from "./metrics";

interface World {
  author: PersonActor;
  seniors: PersonActor[];
  manager: PersonActor;
  admin: PersonActor;
  repo: string;
  system: { id: string; slug: string };
  team: { id: string; slug: string };
}

async function world(): Promise<World> {
  const manager = asSessionUser(await makeUser(db, { level: "SENIOR", roles: ["MANAGER"] }));
  const admin = asSessionUser(await makeUser(db, { level: "SENIOR", roles: ["ADMIN"] }));
  const team = await makeTeam(db, { managerId: manager.id });
  const author = asSessionUser(await makeUser(db, { level: "JUNIOR", teamId: team.id }));
  const seniors = [
    asSessionUser(await makeUser(db, { level: "SENIOR", teamId: team.id })),
    asSessionUser(await makeUser(db, { level: "SENIOR", teamId: team.id })),
  ];
  const system = await makeSystem(db, { tier: 1, owningTeamId: team.id });
  const repo = await makeRepository(db, {
    rules: [{ pattern: "*", systemId: system.id, teamIds: [team.id] }],
  });
  return { author, seniors, manager, admin, repo: repo.name, system, team };
}

const submit = (w: World, linesChanged = 60) => submitAiChange(w.author, w.repo, { linesChanged });
const approve = approval;

async function factsOf(key: string) {
  return db.$queryRaw<
    {
      scope: string;
      approvals: number;
      approvalsSenior: number;
      deployed: boolean;
      caused: boolean;
      sizeBucket: string;
    }[]
  >`
    SELECT m.scope, m.approvals, m."approvalsSenior", m."deployedAt" IS NOT NULL AS deployed, m.caused,
      m."sizeBucket"
    FROM "MetricChange" m JOIN "ChangeRequest" c ON c.id = m."changeId"
    WHERE c.key = ${key} ORDER BY m.scope`;
}

async function differing() {
  const rows = await db.$queryRaw<{ relation: string; differing: bigint }[]>`
    SELECT * FROM metric_check()`;
  return Object.fromEntries(rows.map((r) => [r.relation, Number(r.differing)]));
}
const IN_STEP = {
  MetricChange: 0,
  MetricReview: 0,
  MetricDeployDay: 0,
  MetricApproverDay: 0,
  MetricReviewDay: 0,
};

const last = (days: number, extra: Record<string, string> = {}) =>
  resolveMetricsScope({ days: String(days), ...extra });

let w: World;
beforeEach(async () => {
  w = await world();
});

describe("the dashboard's facts", () => {
  it("follow a change through review, deployment and an incident, in every scope it touches", async () => {
    const { key } = await submit(w);
    const scopes = (await factsOf(key)).map((f) => f.scope);
    expect(scopes).toEqual(
      [
        "all",
        `system:${w.system.id}`,
        `team:${w.team.id}`,
        `team:${w.team.id}/tier:1`,
        "tier:1",
      ].sort(),
    );

    await reviewChange(w.seniors[0]!, key, approve());
    await reviewChange(w.seniors[1]!, key, approve());
    await deployChange(w.author, key);
    expect((await factsOf(key)).every((f) => f.approvalsSenior === 2 && f.deployed)).toBe(true);

    const before = await getMetrics(await last(7, { system: w.system.slug }));
    expect(before.changeFailureRate.overall).toMatchObject({ deployed: 1, caused: 0 });
    const incident = await recordIncident(w.manager, {
      title: "Checkout errors after the retry change",
      severity: "SEV2",
      startedAt: new Date(Date.now() - 60_000).toISOString(),
      detectedAt: new Date(Date.now() - 30_000).toISOString(),
      systems: [w.system.slug],
    });
    await linkChange(w.manager, incident.key, { change: key, kind: "CAUSE" });
    expect((await factsOf(key)).every((f) => f.caused)).toBe(true);

    const filters: Record<string, string>[] = [
      { system: w.system.slug },
      { team: w.team.slug },
      { team: w.team.slug, tier: "1" },
    ];
    for (const filter of filters) {
      const m = await getMetrics(await last(7, filter));
      expect(m.changeFailureRate.overall).toMatchObject({ deployed: 1, caused: 1, rate: 1 });
      expect(m.changeFailureRate.byApprover.map((a) => a.key).sort()).toEqual(
        w.seniors.map((s) => s.handle).sort(),
      );
      expect(m.rubberStamps.approvals).toBe(2);
    }
    // A system outside the chosen tier matches nothing, as with the SQL over the base tables.
    const none = await getMetrics(await last(7, { system: w.system.slug, tier: "2" }));
    expect(none.changeFailureRate.overall.deployed).toBe(0);
    expect(await differing()).toEqual(IN_STEP);
  });

  it("drop a new revision's dismissed approvals, and follow its size", async () => {
    const { key } = await submit(w, 40);
    await reviewChange(w.seniors[0]!, key, approve());
    expect((await factsOf(key)).map((f) => [f.approvals, f.sizeBucket])).toContainEqual([1, "S"]);
    await reviseChange(w.author, key, {
      paths: ["src/retry.ts", "src/retry.test.ts"],
      linesChanged: 400,
      note: "Handle the second timeout too.",
    });
    const facts = await factsOf(key);
    expect(facts.map((f) => [f.approvals, f.sizeBucket])).toEqual(facts.map(() => [0, "L"]));
    expect(await differing()).toEqual(IN_STEP);
  });

  it("move with an admin's edit of the system's tier and owning team", async () => {
    const { key } = await submit(w);
    const other = await makeTeam(db);
    await updateSystem(w.admin, w.system.slug, { tier: 3, owningTeam: other.slug });
    const scopes = (await factsOf(key)).map((f) => f.scope);
    expect(scopes).toEqual(
      [
        "all",
        `system:${w.system.id}`,
        `team:${other.id}`,
        `team:${other.id}/tier:3`,
        "tier:3",
      ].sort(),
    );
    expect(await differing()).toEqual(IN_STEP);
  });

  it("judge an approval by the level its reviewer had when approving", async () => {
    const { key } = await submit(w);
    await reviewChange(w.seniors[0]!, key, approve());
    await reviewChange(w.seniors[1]!, key, approve());
    // Demoted afterwards: the approvals were still given by SENIORs.
    await db.user.update({ where: { id: w.seniors[0]!.id }, data: { level: "MID" } });
    const review = await db.review.findFirstOrThrow({
      where: { change: { key }, reviewerId: w.seniors[0]!.id },
    });
    expect(review.reviewerLevel).toBe("SENIOR");
    await db.changeRequest.update({ where: { key }, data: { linesAdded: { increment: 1 } } });
    expect((await factsOf(key)).every((f) => f.approvalsSenior === 2)).toBe(true);
  });

  it("stay in step under concurrent writers that bypass the use cases", async () => {
    const keys: string[] = [];
    for (let i = 0; i < 12; i++) keys.push((await submit(w, 10 + (i % 6) * 200)).key);
    keys.sort();
    const now = Date.now();
    // Thirty transactions, each writing two changes (in one order, so the changes' own rows
    // cannot deadlock) whose rollup rows overlap those of the others in every order.
    await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        db.$transaction(
          async (tx) => {
            const pair = [
              ...new Set([keys[i % 12]!, keys[(i + 5) % 12]!, keys[(i * 7 + 3) % 12]!]),
            ].sort();
            for (const [n, key] of pair.entries())
              await tx.changeRequest.update({
                where: { key },
                data: {
                  deployedAt: new Date(now - ((i + n) % 3) * 86_400_000),
                  causedIncident: (i + n) % 2 === 0,
                  approvedAt: new Date(now - i * 1000),
                  linesAdded: { increment: 3 },
                },
              });
            // 120 transactions queue for a handful of connections: on a busy machine the wait for
            // one can pass Prisma's 2 s default, which is not what this test is about.
          },
          { maxWait: 60_000, timeout: 60_000 },
        ),
      ),
    );
    expect(await differing()).toEqual(IN_STEP);
  });

  it("are derived rows: an edit in place is refused", async () => {
    const { key } = await submit(w);
    await expect(
      db.$executeRaw`UPDATE "MetricChange" SET caused = true
        WHERE "changeId" = (SELECT id FROM "ChangeRequest" WHERE key = ${key})`,
    ).rejects.toThrow(/derived rows/);
  });

  it("use the size buckets of lib/domain/metrics/size", async () => {
    const lines = SIZE_BUCKETS.flatMap((b) =>
      Number.isFinite(b.max) ? [b.max - 1, b.max, b.max + 1] : [100_000],
    );
    const rows = await db.$queryRaw<{ lines: number; bucket: string }[]>`
      SELECT l AS lines, metric_size_bucket(l) AS bucket FROM unnest(${[0, ...lines]}::int[]) AS l`;
    expect(rows.map((r) => r.bucket)).toEqual(rows.map((r) => sizeBucket(r.lines)));
  });
});

describe("what a review counts for (issue 12, defect 8)", () => {
  it("a review counts the lines of the revision it reviewed, not of a later one", async () => {
    const w = await world();
    const { key } = await submit(w, 30);
    await reviewChange(w.seniors[0]!, key, {
      revision: 1,
      decision: "REQUEST_CHANGES",
      comment: "Split the retry out of the handler.",
    });
    await reviseChange(w.author, key, { paths: ["src/retry.ts"], linesChanged: 40 });
    const rows = await db.$queryRaw<{ linesChanged: number }[]>`
      SELECT DISTINCT m."linesChanged" FROM "MetricReview" m JOIN "ChangeRequest" c ON c.id = m."changeId"
      WHERE c.key = ${key}`;
    expect(rows.map((r) => r.linesChanged)).toEqual([30]);
  });

  it("a change past its first-review due time that had its first review in time is not overdue", async () => {
    const w = await world();
    const { key } = await submit(w);
    await reviewChange(w.seniors[0]!, key, {
      revision: 1,
      decision: "REQUEST_CHANGES",
      comment: "Cap the retries, please.",
    });
    // Its first review came in time; the change now waits on its author, past the due time.
    await db.changeRequest.update({
      where: { key },
      data: { slaDueAt: new Date(Date.now() - 3600_000) },
    });
    const waiting = await submit(w);
    await db.changeRequest.update({
      where: { key: waiting.key },
      data: { slaDueAt: new Date(Date.now() - 3600_000) },
    });
    const m = await getMetrics(await last(7, { system: w.system.slug }));
    const depth = m.queueDepth.find((d) => d.team === w.team.slug)!;
    expect(depth.waiting).toBe(2);
    expect(depth.overdue).toBe(1);
  });
});
