import { describe, expect, it } from "vitest";
import {
  NO_SCOPE,
  factScope,
  qualifyingApprovalsColumn,
  wholeDays,
  windowScopes,
  type ScopeFilter,
} from "./scope";

const payments = { id: "sys-pay", tier: 1, owningTeamId: "team-checkout" };

describe("factScope", () => {
  const cases: [string, ScopeFilter, string][] = [
    ["no filter", { team: null, system: null, tier: null }, "all"],
    ["a tier", { team: null, system: null, tier: 2 }, "tier:2"],
    ["a team", { team: { id: "team-a" }, system: null, tier: null }, "team:team-a"],
    ["a team and a tier", { team: { id: "team-a" }, system: null, tier: 3 }, "team:team-a/tier:3"],
    ["a system", { team: null, system: payments, tier: null }, "system:sys-pay"],
    [
      "a system of the chosen team and tier",
      { team: { id: "team-checkout" }, system: payments, tier: 1 },
      "system:sys-pay",
    ],
    [
      "a system of another team",
      { team: { id: "team-b" }, system: payments, tier: null },
      NO_SCOPE,
    ],
    ["a system of another tier", { team: null, system: payments, tier: 2 }, NO_SCOPE],
  ];
  it.each(cases)("%s", (_name, filter, expected) => {
    expect(factScope(filter)).toBe(expected);
  });
});

describe("wholeDays", () => {
  const at = (s: string) => new Date(s);
  const cases: [string, string, string, string, string][] = [
    // from, to, dayFrom, dayTo
    [
      "90 days from mid-day",
      "2026-09-05T14:30:00Z",
      "2026-12-04T14:30:00Z",
      "2026-09-06T00:00:00.000Z",
      "2026-12-04T00:00:00.000Z",
    ],
    [
      "aligned to midnight on both ends",
      "2026-11-01T00:00:00Z",
      "2026-11-08T00:00:00Z",
      "2026-11-01T00:00:00.000Z",
      "2026-11-08T00:00:00.000Z",
    ],
    [
      "exactly one whole day",
      "2026-11-01T23:00:00Z",
      "2026-11-03T01:00:00Z",
      "2026-11-02T00:00:00.000Z",
      "2026-11-03T00:00:00.000Z",
    ],
    [
      "within one day: the facts answer it all",
      "2026-11-01T03:00:00Z",
      "2026-11-01T20:00:00Z",
      "2026-11-01T20:00:00.000Z",
      "2026-11-01T20:00:00.000Z",
    ],
    [
      "across one midnight, no whole day",
      "2026-11-01T20:00:00Z",
      "2026-11-02T04:00:00Z",
      "2026-11-02T04:00:00.000Z",
      "2026-11-02T04:00:00.000Z",
    ],
  ];
  it.each(cases)("%s", (_name, from, to, dayFrom, dayTo) => {
    const got = wholeDays(at(from), at(to));
    expect([got.dayFrom.toISOString(), got.dayTo.toISOString()]).toEqual([dayFrom, dayTo]);
  });

  it("covers the range exactly: edges plus whole days add up to [from, to)", () => {
    const from = at("2026-03-10T07:15:00Z");
    const to = at("2026-06-01T22:45:00Z");
    const { dayFrom, dayTo } = wholeDays(from, to);
    expect(dayFrom.getTime() - from.getTime() + (dayTo.getTime() - dayFrom.getTime())).toBe(
      dayTo.getTime() - from.getTime(),
    );
    expect(dayFrom.getUTCHours() + dayTo.getUTCHours()).toBe(0);
    expect(dayFrom > from && dayTo < to).toBe(true);
  });
});

describe("windowScopes", () => {
  const tiers = new Map([
    ["s1", 1],
    ["s2", 2],
    ["s3", 1],
  ]);
  const cases: [string, { tiers: number[]; systemIds: string[] }, string[]][] = [
    ["every system", { tiers: [], systemIds: [] }, ["all"]],
    ["tier 1", { tiers: [1], systemIds: [] }, ["tier:1"]],
    ["tiers 1 and 2", { tiers: [1, 2, 1], systemIds: [] }, ["tier:1", "tier:2"]],
    ["named systems", { tiers: [], systemIds: ["s2", "s1"] }, ["system:s2", "system:s1"]],
    [
      "named systems of tier 1",
      { tiers: [1], systemIds: ["s1", "s2", "s3"] },
      ["system:s1", "system:s3"],
    ],
    ["a system that no longer exists", { tiers: [], systemIds: ["gone"] }, []],
  ];
  it.each(cases)("%s", (_name, window, expected) => {
    expect(windowScopes(window, tiers)).toEqual(expected);
  });
});

describe("qualifyingApprovalsColumn", () => {
  it.each([
    [null, "approvals"],
    ["JUNIOR", "approvals"],
    ["MID", "approvalsMid"],
    ["SENIOR", "approvalsSenior"],
    ["PRINCIPAL", "approvalsPrincipal"],
  ])("%s counts %s", (level, column) => {
    expect(qualifyingApprovalsColumn(level)).toBe(column);
  });
});
