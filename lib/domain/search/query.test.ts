import { describe, expect, it } from "vitest";
import { containsPattern, parseSearch } from "./query";

describe("the search box's language", () => {
  it.each([
    ["CR-12", { keys: ["CR-12"], text: "" }],
    ["inc-0200 checkout", { keys: ["INC-200"], text: "checkout" }],
    ["retry card", { keys: [], text: "retry card" }],
    [
      "is:pending author:@me system:checkout-api",
      { statuses: ["PENDING"], author: "@me", system: "checkout-api" },
    ],
    [
      "is:open reviewer:@Ana.Lima",
      { statuses: ["PENDING", "CHANGES_REQUESTED"], reviewer: "ana.lima" },
    ],
    ["is:incident outage", { kind: "incident", text: "outage" }],
    ["repo:acme/storefront", { repo: "acme/storefront" }],
  ])("%j", (input, expected) => {
    expect(parseSearch(input)).toMatchObject(expected);
  });

  it.each([
    ["is:shiny", /is:shiny/],
    ["label:bug", /unknown qualifier "label:"/],
  ])("%j is reported", (input, problem) => {
    const q = parseSearch(input);
    expect(q.problems).toHaveLength(1);
    expect(q.problems[0]).toMatch(problem);
  });

  it("takes % and _ literally", () => {
    expect(containsPattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });
});
