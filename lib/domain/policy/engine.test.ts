import { describe, expect, it } from "vitest";
import {
  decideRequirements,
  slaHours,
  type PolicyChange,
  type PolicySystem,
  type PolicyWindow,
} from "./engine";

const now = new Date("2026-11-22T12:00:00Z");
const t1: PolicySystem = { id: "s1", slug: "checkout-api", tier: 1 };
const t2: PolicySystem = { id: "s2", slug: "search-index", tier: 2 };
const t3: PolicySystem = { id: "s3", slug: "ads-reporting", tier: 3 };

const change = (over: Partial<PolicyChange> = {}): PolicyChange => ({
  authorLevel: "JUNIOR",
  aiExtent: "ASSISTED",
  riskFlags: [],
  linesChanged: 40,
  filesChanged: 3,
  emergency: false,
  ...over,
});

const window = (over: Partial<PolicyWindow> = {}): PolicyWindow => ({
  id: "w1",
  name: "Safety reset",
  kind: "POLICY",
  startsAt: new Date("2026-11-01T00:00:00Z"),
  endsAt: new Date("2027-01-30T00:00:00Z"),
  tiers: [1],
  systemIds: [],
  minApprovals: 2,
  minLevel: "SENIOR",
  requirePrincipal: false,
  ...over,
});

function one(c: PolicyChange, system: PolicySystem, windows: PolicyWindow[] = []) {
  const decision = decideRequirements(c, [system], windows, now);
  expect(decision.requirements).toHaveLength(1);
  return decision.requirements[0]!;
}

describe("rule 1: base approvals by tier", () => {
  it.each([
    [t1, 2],
    [t2, 1],
    [t3, 1],
  ])("%o needs %i", (system, approvals) => {
    expect(one(change({ aiExtent: "NONE", authorLevel: "SENIOR" }), system).approvalsRequired).toBe(
      approvals,
    );
  });
});

describe("rule 2: minimum level", () => {
  it.each([
    [
      "junior + AI on tier 2",
      change({ authorLevel: "JUNIOR", aiExtent: "GENERATED" }),
      t2,
      "SENIOR",
    ],
    ["mid + AI on tier 3", change({ authorLevel: "MID", aiExtent: "ASSISTED" }), t3, "SENIOR"],
    ["junior without AI on tier 2", change({ authorLevel: "JUNIOR", aiExtent: "NONE" }), t2, "MID"],
    ["senior + AI on tier 3", change({ authorLevel: "SENIOR", aiExtent: "AGENTIC" }), t3, "MID"],
    ["principal on tier 1", change({ authorLevel: "PRINCIPAL", aiExtent: "NONE" }), t1, "SENIOR"],
    ["junior + AI on tier 1", change(), t1, "SENIOR"],
  ])("%s -> %s", (_n, c, system, level) => {
    expect(one(c, system).minLevel).toBe(level);
  });
});

describe("rule 3: PRINCIPAL", () => {
  it.each([
    ["infrastructure flag", change({ riskFlags: ["INFRASTRUCTURE"] }), t3, true],
    ["data deletion flag", change({ riskFlags: ["DATA_DELETION"] }), t2, true],
    ["data migration alone", change({ riskFlags: ["DATA_MIGRATION"] }), t2, false],
    ["permissions alone", change({ riskFlags: ["PERMISSIONS", "CONFIG"] }), t1, false],
    ["agentic on tier 1", change({ aiExtent: "AGENTIC" }), t1, true],
    ["agentic on tier 2", change({ aiExtent: "AGENTIC" }), t2, false],
    ["no flags", change(), t1, false],
  ])("%s -> %s", (_n, c, system, principal) => {
    const r = one(c, system);
    expect(r.principalRequired).toBe(principal);
    if (principal) expect(r.rules.join(" ")).toMatch(/PRINCIPAL/);
  });
});

describe("rule 4: oversized", () => {
  it.each([
    [400, 20, false],
    [401, 1, true],
    [10, 21, true],
  ])("%i lines, %i files -> oversized %s", (lines, files, oversized) => {
    const decision = decideRequirements(
      change({ linesChanged: lines, filesChanged: files }),
      [t2],
      [],
      now,
    );
    expect(decision.oversized).toBe(oversized);
    expect(decision.requirements[0]!.approvalsRequired).toBe(oversized ? 2 : 1);
    expect(decision.warnings.some((w) => w.includes("consider splitting"))).toBe(oversized);
  });
});

describe("rule 5: policy windows", () => {
  it("a safety reset over tier 1 keeps 2 SENIOR+ (already met) and says so", () => {
    const r = one(change({ authorLevel: "SENIOR", aiExtent: "NONE" }), t1, [window()]);
    expect([r.approvalsRequired, r.minLevel]).toEqual([2, "SENIOR"]);
    expect(r.windows).toEqual(["Safety reset"]);
    expect(r.rules.at(-1)).toMatch(/already met/);
  });
  it("raises minimums on covered systems", () => {
    const r = one(change({ authorLevel: "SENIOR", aiExtent: "NONE" }), t2, [
      window({ tiers: [2], minApprovals: 3, requirePrincipal: true }),
    ]);
    expect([r.approvalsRequired, r.minLevel, r.principalRequired]).toEqual([3, "SENIOR", true]);
  });
  it("covers named systems", () => {
    expect(
      one(change(), t3, [window({ tiers: [], systemIds: ["s3"], minApprovals: 2 })])
        .approvalsRequired,
    ).toBe(2);
  });
  it.each([
    ["not yet started", window({ startsAt: new Date("2026-12-01T00:00:00Z") })],
    ["ended", window({ endsAt: new Date("2026-11-20T00:00:00Z") })],
    ["another tier", window({ tiers: [2] })],
  ])("ignores a window that is %s", (_n, w) => {
    const r = one(change({ authorLevel: "SENIOR", aiExtent: "NONE" }), t3, [w]);
    expect(r.windows).toEqual([]);
    expect(r.approvalsRequired).toBe(1);
  });
  it("a window with no scope covers everything", () => {
    expect(
      one(change(), t3, [window({ tiers: [], systemIds: [], minApprovals: 2 })]).approvalsRequired,
    ).toBe(2);
  });
});

describe("rule 6: emergencies", () => {
  it("are deployable with one SENIOR+ approval, full requirement due in 24 h", () => {
    const r = one(change({ emergency: true }), t1);
    expect(r.emergency).toEqual({ approvals: 1, minLevel: "SENIOR", retrospectiveHours: 24 });
    expect(r.approvalsRequired).toBe(2);
  });
  it("non-emergencies have no such path", () => {
    expect(one(change(), t1).emergency).toBeNull();
  });
});

describe("rule 7: freeze windows", () => {
  const freeze = window({
    kind: "FREEZE",
    name: "Black Friday freeze",
    tiers: [1, 2],
    minApprovals: null,
    minLevel: null,
  });
  it("block a covered system", () => {
    const decision = decideRequirements(change(), [t1, t3], [freeze], now);
    expect(decision.requirements.map((r) => r.frozen)).toEqual([true, false]);
    expect(decision.warnings.join(" ")).toMatch(/cannot become deployable/);
  });
  it("are overridden by an emergency, and say so", () => {
    const decision = decideRequirements(change({ emergency: true }), [t1], [freeze], now);
    expect(decision.requirements[0]!.frozen).toBe(true);
    expect(decision.requirements[0]!.rules.join(" ")).toMatch(/overridden by the emergency/);
    expect(decision.warnings.join(" ")).toMatch(/allowed only because this is an emergency/);
  });
});

describe("rules combined", () => {
  it("junior, agentic, tier 1, drops a table, oversized, during a safety reset", () => {
    const r = one(
      change({
        aiExtent: "AGENTIC",
        riskFlags: ["DATA_DELETION", "DATA_MIGRATION"],
        linesChanged: 900,
        filesChanged: 4,
      }),
      t1,
      [window()],
    );
    expect([r.approvalsRequired, r.minLevel, r.principalRequired]).toEqual([3, "SENIOR", true]);
    expect(r.rules).toHaveLength(6);
  });
  it("a senior's AI-free config tweak on tier 3 is the lightest path", () => {
    const r = one(
      change({
        authorLevel: "SENIOR",
        aiExtent: "NONE",
        riskFlags: ["CONFIG"],
        linesChanged: 2,
        filesChanged: 1,
      }),
      t3,
    );
    expect([r.approvalsRequired, r.minLevel, r.principalRequired, r.frozen]).toEqual([
      1,
      "MID",
      false,
      false,
    ]);
  });
  it("one requirement per system, each with its own rules", () => {
    const decision = decideRequirements(
      change({ riskFlags: ["INFRASTRUCTURE"] }),
      [t1, t2, t3],
      [window()],
      now,
    );
    expect(
      decision.requirements.map((r) => [
        r.systemSlug,
        r.approvalsRequired,
        r.minLevel,
        r.principalRequired,
      ]),
    ).toEqual([
      ["checkout-api", 2, "SENIOR", true],
      ["search-index", 1, "SENIOR", true],
      ["ads-reporting", 1, "SENIOR", true],
    ]);
  });
  it("warns when no system is affected", () => {
    expect(decideRequirements(change(), [], [], now).warnings.join(" ")).toMatch(
      /No system is affected/,
    );
  });
  it("the SLA is the strictest tier's", () => {
    expect(slaHours([{ tier: 3 }, { tier: 1 }])).toBe(4);
    expect(slaHours([{ tier: 2 }])).toBe(8);
    expect(slaHours([])).toBe(24);
  });
});
