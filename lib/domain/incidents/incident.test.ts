import { describe, expect, it } from "vitest";
import { changeRisk, closeness, rankSuspects, timeProblems, type IncidentTimes } from "./incident";

const at = (h: number) => new Date(Date.UTC(2026, 10, 1, 0, 0) + h * 3_600_000);
const now = at(100);
const times = (over: Partial<IncidentTimes>): IncidentTimes => ({
  status: "INVESTIGATING",
  startedAt: at(0),
  detectedAt: at(1),
  mitigatedAt: null,
  resolvedAt: null,
  ...over,
});

describe("incident times", () => {
  it.each<[string, Partial<IncidentTimes>, string[]]>([
    ["in order", {}, []],
    ["resolved in order", { status: "RESOLVED", mitigatedAt: at(2), resolvedAt: at(3) }, []],
    ["resolved without mitigation", { status: "RESOLVED", resolvedAt: at(3) }, []],
    ["detected before start", { detectedAt: at(-1) }, ["detectedAt: must not be before startedAt"]],
    [
      "mitigated before detected",
      { status: "MITIGATED", mitigatedAt: at(0.5) },
      ["mitigatedAt: must not be before detectedAt"],
    ],
    [
      "resolved before mitigated",
      { status: "RESOLVED", mitigatedAt: at(5), resolvedAt: at(4) },
      ["resolvedAt: must not be before mitigatedAt"],
    ],
    [
      "started in the future",
      { startedAt: at(101), detectedAt: at(101) },
      ["startedAt: is in the future", "detectedAt: is in the future"],
    ],
    [
      "MITIGATED without a time",
      { status: "MITIGATED" },
      ["mitigatedAt: is required when the status is MITIGATED"],
    ],
    [
      "RESOLVED without a time",
      { status: "RESOLVED", mitigatedAt: at(2) },
      ["resolvedAt: is required when the status is RESOLVED"],
    ],
    [
      "resolution time on an open incident",
      { resolvedAt: at(3) },
      ["resolvedAt: set it only when the status is RESOLVED"],
    ],
  ])("%s", (_name, over, expected) => {
    expect(timeProblems(times(over), now).map((p) => `${p.field}: ${p.message}`)).toEqual(expected);
  });
});

describe("suspect ranking", () => {
  it.each([
    [{ riskFlags: 0, linesChanged: 10, aiExtent: "NONE", emergency: false, tier: 3 }, 0],
    [{ riskFlags: 1, linesChanged: 300, aiExtent: "GENERATED", emergency: false, tier: 1 }, 0.55],
    [{ riskFlags: 3, linesChanged: 2000, aiExtent: "AGENTIC", emergency: true, tier: 1 }, 1],
  ] as const)("risk of %j is %d", (change, risk) => {
    expect(changeRisk(change)).toBe(risk);
  });

  it.each([
    [0, 1],
    [6, 0.75],
    [24, 0],
    [30, 0],
  ])("deployed %d h before the start has closeness %d", (hours, expected) => {
    expect(closeness(at(-hours), at(0))).toBe(expected);
  });

  it("ranks by closeness and risk, leaving out changes outside the 24 h before the start", () => {
    const base = {
      riskFlags: 0,
      linesChanged: 10,
      aiExtent: "NONE" as const,
      emergency: false,
      tier: 3,
    };
    const ranked = rankSuspects(
      [
        { ...base, key: "CR-1", deployedAt: at(-20) },
        { ...base, key: "CR-2", deployedAt: at(-1) },
        { ...base, key: "CR-3", deployedAt: at(-20), riskFlags: 3, emergency: true, tier: 1 },
        { ...base, key: "CR-4", deployedAt: at(-25) },
        { ...base, key: "CR-5", deployedAt: at(1) },
      ],
      at(0),
    );
    expect(ranked.map((r) => [r.key, r.score, r.hoursBefore])).toEqual([
      ["CR-2", 0.575, 1],
      ["CR-3", 0.4, 20],
      ["CR-1", 0.1, 20],
    ]);
  });
});
