import { describe, expect, it } from "vitest";
import { covers } from "@/lib/domain/policy/engine";
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
  const exists = (id: string) => ["s1", "s2", "s3"].includes(id);
  const cases: [string, { tiers: number[]; systemIds: string[] }, string[]][] = [
    ["every system", { tiers: [], systemIds: [] }, ["all"]],
    ["tier 1", { tiers: [1], systemIds: [] }, ["tier:1"]],
    ["tiers 1 and 2", { tiers: [1, 2, 1], systemIds: [] }, ["tier:1", "tier:2"]],
    ["named systems", { tiers: [], systemIds: ["s2", "s1"] }, ["system:s2", "system:s1"]],
    [
      "a tier or a named system, as the policy engine covers them",
      { tiers: [1], systemIds: ["s2"] },
      ["tier:1", "system:s2"],
    ],
    ["a system that no longer exists", { tiers: [], systemIds: ["gone"] }, []],
  ];
  it.each(cases)("%s", (_name, window, expected) => {
    expect(windowScopes(window, exists)).toEqual(expected);
  });

  it("agrees with the policy engine on which systems a window covers", () => {
    const window = (tiers: number[], systemIds: string[]) => ({
      id: "w",
      name: "w",
      kind: "POLICY" as const,
      startsAt: new Date(0),
      endsAt: new Date(1),
      tiers,
      systemIds,
      minApprovals: null,
      minLevel: null,
      requirePrincipal: false,
    });
    const windows = [window([1], []), window([], ["s2"]), window([3], ["s1"]), window([], [])];
    const systems = [
      { id: "s1", slug: "s1", tier: 1 },
      { id: "s2", slug: "s2", tier: 2 },
      { id: "s3", slug: "s3", tier: 3 },
    ];
    for (const w of windows)
      for (const s of systems) {
        const scopes = windowScopes(w, exists);
        const counted = ["all", `tier:${s.tier}`, `system:${s.id}`].some((k) => scopes.includes(k));
        expect({ window: [w.tiers, w.systemIds], system: s.id, counted }).toEqual({
          window: [w.tiers, w.systemIds],
          system: s.id,
          counted: covers(w, s),
        });
      }
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
