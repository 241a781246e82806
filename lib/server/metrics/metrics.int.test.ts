// The metrics API's figures agree with direct SQL over the seeded demo data, and with the pure
// definitions of lib/domain/metrics applied to the raw rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { changeFailureRate, timeToRestoreHours } from "@/lib/domain/metrics/reference";
import { seedDemoIfEmpty } from "@/prisma/seed-demo";
import { resolveMetricsScope } from "./filters";
import { getMetrics } from "./metrics";

const holder = globalThis as unknown as { countersignDb?: Db };
let database: TestDatabase;
let seeded: Db;
let previous: Db | undefined;

beforeAll(async () => {
  database = await createTestDatabase("metrics");
  seeded = createDb(database.url, 4);
  await seedDemoIfEmpty(seeded);
  previous = holder.countersignDb;
  holder.countersignDb = seeded; // getMetrics reads the process's client
}, 300_000);

afterAll(async () => {
  holder.countersignDb = previous;
  await seeded.$disconnect();
  await database.dispose();
});

const DAY = 86_400_000;
const pct = (n: number | null) => (n === null ? null : Math.round(n * 10_000) / 10_000);
const hours = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

describe("metrics on the seeded demo data", () => {
  it("reads facts and rollups that agree with the base tables after the seed's bulk load", async () => {
    const rows = await seeded.$queryRaw<{ relation: string; differing: bigint }[]>`
      SELECT * FROM metric_check()`;
    expect(rows.map((r) => [r.relation, Number(r.differing)])).toEqual([
      ["MetricChange", 0],
      ["MetricReview", 0],
      ["MetricDeployDay", 0],
      ["MetricApproverDay", 0],
      ["MetricReviewDay", 0],
    ]);
    const [all] = await seeded.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "MetricChange" WHERE scope = 'all'`;
    expect(all!.n).toBe(
      await seeded.changeRequest.count({ where: { submittedAt: { not: null } } }),
    );
  });

  it("change failure rate agrees with direct SQL and with the pure definition", async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 180 * DAY);
    const m = await getMetrics(
      await resolveMetricsScope({ from: from.toISOString(), to: to.toISOString() }),
    );
    const direct = await seeded.$queryRaw<{ ai: string; deployed: number; caused: number }[]>`
      SELECT "aiExtent"::text AS ai, count(*)::int AS deployed,
        count(*) FILTER (WHERE id IN (SELECT "changeId" FROM "IncidentChange" WHERE kind = 'CAUSE'))::int AS caused
      FROM "ChangeRequest" WHERE "deployedAt" >= ${from} AND "deployedAt" < ${to}
      GROUP BY 1`;
    for (const row of direct) {
      const got = m.changeFailureRate.byAiExtent.find((s) => s.key === row.ai)!;
      expect([got.deployed, got.caused]).toEqual([row.deployed, row.caused]);
    }
    const total = direct.reduce((a, r) => a + r.deployed, 0);
    expect(total).toBeGreaterThan(2000);
    expect(m.changeFailureRate.overall.deployed).toBe(total);

    // The same rows through the pure definitions.
    const rows = await seeded.changeRequest.findMany({
      where: { deployedAt: { gte: from, lt: to } },
      select: {
        id: true,
        aiExtent: true,
        linesAdded: true,
        linesRemoved: true,
        currentRevision: true,
        author: { select: { level: true } },
        incidents: { where: { kind: "CAUSE" }, select: { kind: true } },
        reviews: {
          where: { decision: "APPROVE" },
          select: { revision: true, reviewer: { select: { handle: true } } },
        },
      },
    });
    const reference = changeFailureRate(
      rows.map((r) => ({
        id: r.id,
        aiExtent: r.aiExtent,
        authorLevel: r.author.level,
        linesChanged: r.linesAdded + r.linesRemoved,
        causedIncident: r.incidents.length > 0,
        approverIds: r.reviews
          .filter((v) => v.revision === r.currentRevision)
          .map((v) => v.reviewer.handle),
      })),
    );
    expect(m.changeFailureRate.overall.rate).toBe(pct(reference.overall.rate));
    for (const split of ["byAuthorLevel", "bySize"] as const)
      for (const s of reference[split])
        expect(m.changeFailureRate[split].find((x) => x.key === s.key)).toEqual({
          ...s,
          rate: pct(s.rate),
        });
    for (const a of m.changeFailureRate.byApprover)
      expect(reference.byApprover.find((s) => s.key === a.key)).toMatchObject({
        deployed: a.deployed,
        caused: a.caused,
      });
  });

  it("tells the seeded story: junior AI-assisted changes failed more before the safety reset", async () => {
    const reset = await seeded.policyWindow.findFirstOrThrow({ where: { kind: "POLICY" } });
    const rateOf = async (from: Date, to: Date) => {
      const m = await getMetrics(
        await resolveMetricsScope({ from: from.toISOString(), to: to.toISOString() }),
      );
      return m.changeFailureRate.byAuthorLevel.find((s) => s.key === "JUNIOR")!;
    };
    const before = await rateOf(new Date(reset.startsAt.getTime() - 120 * DAY), reset.startsAt);
    const after = await rateOf(reset.startsAt, new Date());
    expect(before.rate!).toBeGreaterThan(after.rate! * 1.5);
  });

  it("incident figures agree with direct SQL, for the whole organisation and one team", async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 90 * DAY);
    const team = await seeded.$queryRaw<{ slug: string; id: string }[]>`
      SELECT t.slug, t.id FROM "Incident" i JOIN "IncidentSystem" x ON x."incidentId" = i.id
      JOIN "System" s ON s.id = x."systemId" JOIN "Team" t ON t.id = s."owningTeamId"
      WHERE i."startedAt" >= ${from} GROUP BY t.id ORDER BY count(*) DESC, t.slug LIMIT 1`;
    for (const teamSlug of [undefined, team[0]!.slug]) {
      const m = await getMetrics(
        await resolveMetricsScope({
          from: from.toISOString(),
          to: to.toISOString(),
          team: teamSlug,
        }),
      );
      const teamId = teamSlug ? team[0]!.id : null;
      const incidents = await seeded.$queryRaw<
        {
          severity: string;
          startedAt: Date;
          resolvedAt: Date | null;
          customersAffected: number | null;
        }[]
      >`
        SELECT DISTINCT i.id, i.severity::text AS severity, i."startedAt", i."resolvedAt", i."customersAffected"
        FROM "Incident" i JOIN "IncidentSystem" x ON x."incidentId" = i.id JOIN "System" s ON s.id = x."systemId"
        WHERE i."startedAt" >= ${from} AND i."startedAt" < ${to}
          AND (${teamId}::text IS NULL OR s."owningTeamId" = ${teamId})`;
      expect(incidents.length).toBeGreaterThan(0);
      expect(m.headline.incidents.current).toBe(incidents.length);
      expect(m.incidentsPerWeek.reduce((a, w) => a + w.total, 0)).toBe(incidents.length);
      for (const sev of ["SEV1", "SEV2", "SEV3", "SEV4"] as const)
        expect(m.incidentsPerWeek.reduce((a, w) => a + w[sev], 0)).toBe(
          incidents.filter((i) => i.severity === sev).length,
        );
      expect(m.customerImpact.customersAffected).toBe(
        incidents.reduce((a, i) => a + (i.customersAffected ?? 0), 0),
      );
      const ttr = timeToRestoreHours(incidents);
      expect(m.timeToRestore.resolved).toBe(ttr.resolved);
      expect(m.timeToRestore.p50Hours).toBe(hours(ttr.p50));
      expect(m.timeToRestore.p90Hours).toBe(hours(ttr.p90));
    }
  });

  it("review health agrees with direct SQL", async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 30 * DAY);
    const m = await getMetrics(await resolveMetricsScope({ days: "30", to: to.toISOString() }));
    const [timing] = await seeded.$queryRaw<
      { submitted: number; breaches: number; p50: number | null; p90: number | null }[]
    >`
      SELECT count(*)::int AS submitted, count("slaBreachedAt")::int AS breaches,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "firstReviewAt" - "submittedAt") / 3600) AS p50,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM "firstReviewAt" - "submittedAt") / 3600) AS p90
      FROM "ChangeRequest" WHERE "submittedAt" >= ${from} AND "submittedAt" < ${to}`;
    expect(m.slaBreaches).toMatchObject({
      submitted: timing!.submitted,
      breaches: timing!.breaches,
    });
    expect(m.reviewTimes.firstReview).toEqual({
      p50Hours: hours(timing!.p50),
      p90Hours: hours(timing!.p90),
    });

    const [stamps] = await seeded.$queryRaw<{ flagged: number; approvals: number }[]>`
      SELECT count(*) FILTER (WHERE "possibleRubberStamp")::int AS flagged, count(*)::int AS approvals
      FROM "Review" WHERE decision = 'APPROVE' AND "createdAt" >= ${from} AND "createdAt" < ${to}`;
    expect(m.rubberStamps).toMatchObject(stamps!);

    const waiting = await seeded.$queryRaw<{ n: number }[]>`
      SELECT count(DISTINCT c.id)::int AS n FROM "ChangeRequest" c
      WHERE c.status IN ('PENDING', 'CHANGES_REQUESTED')`;
    // A change waits in the queue of each team owning one of its systems; demo changes have one.
    expect(m.queueDepth.reduce((a, d) => a + d.waiting, 0)).toBeLessThanOrEqual(waiting[0]!.n);
    expect(m.queueDepth[0]!.waiting).toBeGreaterThan(0);

    const [compliance] = m.windowCompliance;
    const [direct] = await seeded.$queryRaw<{ inScope: number; met: number }[]>`
      WITH w AS (SELECT * FROM "PolicyWindow" WHERE kind = 'POLICY' LIMIT 1),
      c AS (
        SELECT c.id,
          (SELECT count(*) FROM "Review" r
            WHERE r."changeId" = c.id AND r.revision = c."currentRevision" AND r.decision = 'APPROVE'
              AND r."reviewerLevel" IN ('SENIOR', 'PRINCIPAL')) AS seniors
        FROM "ChangeRequest" c, w
        WHERE c."approvedAt" >= greatest(${from}::timestamp, w."startsAt") AND c."approvedAt" < least(${to}::timestamp, w."endsAt")
          AND c.id IN (SELECT cs."changeId" FROM "ChangeSystem" cs JOIN "System" s ON s.id = cs."systemId" WHERE s.tier = 1)
      )
      SELECT count(*)::int AS "inScope", count(*) FILTER (WHERE seniors >= 2)::int AS met FROM c`;
    expect(compliance).toMatchObject({ name: "Tier-1 safety reset", ...direct });
    expect(direct!.inScope).toBeGreaterThan(0);
  });

  it("names the field of a bad filter", async () => {
    await expect(resolveMetricsScope({ team: "no-such-team" })).rejects.toMatchObject({
      code: "VALIDATION",
      details: [{ field: "team", message: 'unknown team "no-such-team"' }],
    });
    await expect(
      resolveMetricsScope({ from: "2026-02-01T00:00", to: "2026-01-01T00:00" }),
    ).rejects.toMatchObject({ details: [{ field: "to", message: "must be after from" }] });
    await expect(resolveMetricsScope({ tier: "7" })).rejects.toMatchObject({
      details: [{ field: "tier", message: "must be 1, 2 or 3" }],
    });
  });
});
