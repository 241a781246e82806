import { describe, expect, it } from "vitest";
import { DEFAULT_SHARES, pickSecondLooker, sampled, secondLookChance } from "./second-look";

describe("sampling approvals for a second look", () => {
  it.each([
    [{ aiExtent: "NONE", tier: 1, rubberStamp: true }, 0, "SAMPLED"],
    [{ aiExtent: "ASSISTED", tier: 3, rubberStamp: false }, 0.05, "SAMPLED"],
    [{ aiExtent: "GENERATED", tier: 1, rubberStamp: false }, 0.2, "TIER_ONE"],
    [{ aiExtent: "AGENTIC", tier: 2, rubberStamp: true }, 0.5, "RUBBER_STAMP"],
    [{ aiExtent: "AGENTIC", tier: 1, rubberStamp: true }, 0.5, "RUBBER_STAMP"],
  ] as const)("%j: chance %d (%s)", (change, chance, reason) => {
    expect(secondLookChance(change, DEFAULT_SHARES)).toEqual({ chance, reason });
  });

  it.each([
    [0.04, "SAMPLED"],
    [0.05, null],
    [0.99, null],
  ])("a draw of %d on a tier-3 change -> %s", (draw, reason) => {
    expect(
      sampled({ aiExtent: "ASSISTED", tier: 3, rubberStamp: false }, DEFAULT_SHARES, draw),
    ).toBe(reason);
  });

  it("follows the configured shares", () => {
    const all = { base: 1, tierOne: 1, rubberStamp: 1 };
    expect(sampled({ aiExtent: "ASSISTED", tier: 3, rubberStamp: false }, all, 0.999)).toBe(
      "SAMPLED",
    );
    const none = { base: 0, tierOne: 0, rubberStamp: 0 };
    expect(sampled({ aiExtent: "AGENTIC", tier: 1, rubberStamp: true }, none, 0)).toBeNull();
  });
});

describe("who takes the second look", () => {
  it.each([
    [[], null],
    [
      [
        { id: "b", open: 0 },
        { id: "a", open: 2 },
      ],
      "b",
    ],
    [
      [
        { id: "b", open: 1 },
        { id: "a", open: 1 },
      ],
      "a",
    ],
  ])("%j -> %s", (candidates, id) => {
    expect(pickSecondLooker(candidates)).toBe(id);
  });
});
