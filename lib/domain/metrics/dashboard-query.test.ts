import { describe, expect, it } from "vitest";
import { filterQuery, isOverloaded, nextQuery, rangeChanges } from "./dashboard-query";

describe("the dashboard's URL filters", () => {
  it("keeps only filter parameters with a value", () => {
    expect(
      filterQuery([
        ["team", "payments"],
        ["tier", ""],
        ["utm", "x"],
        ["days", "30"],
      ]),
    ).toBe("team=payments&days=30");
  });

  it("sets and clears parameters", () => {
    expect(nextQuery("team=a&tier=1", { tier: "", system: "api" })).toBe("team=a&system=api");
  });

  it.each([
    ["30", { days: "30", from: "", to: "" }],
    ["90", { days: "", from: "", to: "" }],
    ["custom", { days: "", from: "2026-09-01T00:00", to: "2026-12-01T12:30" }],
  ])("choosing %s sets %j", (choice, changes) => {
    expect(
      rangeChanges(choice, { from: "2026-09-01T05:00:00.000Z", to: "2026-12-01T12:30:00.000Z" }),
    ).toEqual(changes);
  });

  it.each([
    [null, false],
    [4.9, false],
    [5, true],
  ])("%s open per senior is overloaded: %s", (n, overloaded) => {
    expect(isOverloaded(n)).toBe(overloaded);
  });
});
