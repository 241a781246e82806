import { describe, expect, it } from "vitest";
import { percentile, previousPeriod, rate, relativeChange, weekStart } from "./stats";
import { sizeBucket, sizeBucketSql } from "./size";
import {
  changeFailureRate,
  meetsWindow,
  timeToRestoreHours,
  windowCompliance,
  type DeployedChange,
} from "./reference";

describe("statistics", () => {
  it.each([
    [[], 0.5, null],
    [[7], 0.9, 7],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[10, 1, 4], 0.5, 4],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1],
    [[0, 100], 0.9, 90],
  ])("percentile(%j, %d) = %j", (values, p, expected) => {
    const got = percentile(values, p);
    if (expected === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(expected, 10);
  });

  it.each([
    [1, 4, 0.25],
    [0, 5, 0],
    [3, 0, null],
  ])("rate(%d, %d) = %j", (part, whole, expected) => {
    expect(rate(part, whole)).toBe(expected);
  });

  it.each([
    [12, 10, 0.2],
    [5, 10, -0.5],
    [5, 0, null],
    [null, 3, null],
  ])("relativeChange(%j, %j) = %j", (current, previous, expected) => {
    expect(relativeChange(current, previous)).toBe(expected);
  });

  it.each([
    ["2026-11-23T10:00:00Z", "2026-11-23T00:00:00.000Z"], // a Monday
    ["2026-11-22T23:59:00Z", "2026-11-16T00:00:00.000Z"], // a Sunday
    ["2026-11-18T00:00:00Z", "2026-11-16T00:00:00.000Z"],
  ])("week of %s starts %s", (at, monday) => {
    expect(weekStart(new Date(at)).toISOString()).toBe(monday);
  });

  it("the previous period has the same length and ends where the range starts", () => {
    const p = previousPeriod(new Date("2026-10-01T00:00:00Z"), new Date("2026-10-31T00:00:00Z"));
    expect([p.from.toISOString(), p.to.toISOString()]).toEqual([
      "2026-09-01T00:00:00.000Z",
      "2026-10-01T00:00:00.000Z",
    ]);
  });
});

describe("size buckets", () => {
  it.each([
    [0, "XS"],
    [10, "XS"],
    [11, "S"],
    [250, "M"],
    [251, "L"],
    [1000, "L"],
    [1001, "XL"],
  ])("%d lines is %s", (lines, bucket) => {
    expect(sizeBucket(lines)).toBe(bucket);
  });

  it("writes the same buckets as SQL", () => {
    expect(sizeBucketSql("n")).toBe(
      "(CASE WHEN n <= 10 THEN 'XS' WHEN n <= 50 THEN 'S' WHEN n <= 250 THEN 'M' WHEN n <= 1000 THEN 'L' ELSE 'XL' END)",
    );
  });
});

describe("change failure rate", () => {
  const c = (
    id: string,
    aiExtent: DeployedChange["aiExtent"],
    authorLevel: DeployedChange["authorLevel"],
    linesChanged: number,
    causedIncident: boolean,
    approverIds: string[],
  ): DeployedChange => ({ id, aiExtent, authorLevel, linesChanged, causedIncident, approverIds });
  // Hand-computed: 6 deployed, 2 caused an incident.
  const table = [
    c("a", "NONE", "SENIOR", 5, false, ["s1"]),
    c("b", "GENERATED", "JUNIOR", 300, true, ["s1", "s2"]),
    c("c", "GENERATED", "JUNIOR", 40, false, ["s2"]),
    c("d", "AGENTIC", "MID", 1200, true, ["s2"]),
    c("e", "ASSISTED", "MID", 60, false, ["s1"]),
    c("f", "NONE", "JUNIOR", 20, false, ["s3"]),
  ];
  const result = changeFailureRate(table);

  it("overall is caused / deployed", () => {
    expect(result.overall).toEqual({ deployed: 6, caused: 2, rate: 2 / 6 });
  });
  it("splits by AI extent", () => {
    expect(result.byAiExtent).toEqual([
      { key: "AGENTIC", deployed: 1, caused: 1, rate: 1 },
      { key: "ASSISTED", deployed: 1, caused: 0, rate: 0 },
      { key: "GENERATED", deployed: 2, caused: 1, rate: 0.5 },
      { key: "NONE", deployed: 2, caused: 0, rate: 0 },
    ]);
  });
  it("splits by author level and size", () => {
    expect(result.byAuthorLevel.map((s) => [s.key, s.deployed, s.caused])).toEqual([
      ["JUNIOR", 3, 1],
      ["MID", 2, 1],
      ["SENIOR", 1, 0],
    ]);
    expect(result.bySize.map((s) => [s.key, s.deployed, s.caused])).toEqual([
      ["L", 1, 1],
      ["M", 1, 0],
      ["S", 2, 0],
      ["XL", 1, 1],
      ["XS", 1, 0],
    ]);
  });
  it("counts a change once for each of its approvers", () => {
    expect(result.byApprover.map((s) => [s.key, s.deployed, s.caused])).toEqual([
      ["s1", 3, 1],
      ["s2", 3, 2],
      ["s3", 1, 0],
    ]);
  });
});

describe("time to restore", () => {
  const h = (n: number) => new Date(Date.UTC(2026, 9, 1) + n * 3_600_000);
  it("is the median and p90 of start -> resolved hours, unresolved left out", () => {
    const ttr = timeToRestoreHours([
      { startedAt: h(0), resolvedAt: h(1) },
      { startedAt: h(0), resolvedAt: h(2) },
      { startedAt: h(10), resolvedAt: h(13) },
      { startedAt: h(0), resolvedAt: h(10) },
      { startedAt: h(0), resolvedAt: null },
    ]);
    expect([ttr.resolved, ttr.p50]).toEqual([4, 2.5]);
    expect(ttr.p90).toBeCloseTo(7.9, 10);
  });
});

describe("policy-window compliance", () => {
  const reset = { minApprovals: 2, minLevel: "SENIOR" as const, requirePrincipal: false };
  it.each([
    [["SENIOR", "SENIOR"], true],
    [["SENIOR", "PRINCIPAL"], true],
    [["SENIOR", "MID"], false],
    [["PRINCIPAL"], false],
    [[], false],
  ] as const)("approvals by %j meet two SENIOR+: %s", (levels, met) => {
    expect(meetsWindow([...levels], reset)).toBe(met);
  });
  it("a PRINCIPAL requirement needs a PRINCIPAL among the approvers", () => {
    const w = { minApprovals: null, minLevel: null, requirePrincipal: true };
    expect(meetsWindow(["SENIOR"], w)).toBe(false);
    expect(meetsWindow(["PRINCIPAL"], w)).toBe(true);
  });
  it("is the share of in-scope changes that met the minimums", () => {
    expect(
      windowCompliance(
        [
          { approverLevels: ["SENIOR", "SENIOR"] },
          { approverLevels: ["SENIOR"] },
          { approverLevels: ["PRINCIPAL", "MID", "SENIOR"] },
          { approverLevels: ["MID", "JUNIOR"] },
        ],
        reset,
      ),
    ).toEqual({ inScope: 4, met: 2, rate: 0.5 });
  });
});
