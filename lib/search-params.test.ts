import { describe, expect, it } from "vitest";
import {
  parseSearchParams,
  peopleFiltersSchema,
  systemFiltersSchema,
  withParams,
} from "./search-params";

describe("page filters from the URL", () => {
  it.each([
    [{ tier: "1" }, { tier: 1 }],
    [{ tier: "4" }, {}],
    [{ tier: "one" }, {}],
    [{ q: "  checkout " }, { q: "checkout" }],
    [{ team: "Checkout!" }, {}],
    [
      { team: "checkout", tier: ["2", "3"] },
      { team: "checkout", tier: 2 },
    ],
  ])("systems %j -> %j", (raw, expected) => {
    const parsed = parseSearchParams(systemFiltersSchema, raw);
    expect(Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined))).toEqual(
      expected,
    );
  });

  it.each([
    [{ level: "SENIOR" }, { level: "SENIOR" }],
    [{ level: "senior" }, {}],
  ])("people %j -> %j", (raw, expected) => {
    const parsed = parseSearchParams(peopleFiltersSchema, raw);
    expect(Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined))).toEqual(
      expected,
    );
  });

  it("builds links that keep filters and drop empty values", () => {
    expect(withParams("/systems", { q: "pay", tier: 1, team: undefined }, { after: "c1" })).toBe(
      "/systems?q=pay&tier=1&after=c1",
    );
    expect(withParams("/systems", {}, {})).toBe("/systems");
  });
});
