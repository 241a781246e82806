import { describe, expect, it } from "vitest";
import { minimumLevel } from "./minimum-level";

describe("minimumLevel (policy rule 2)", () => {
  it.each([
    [1, "JUNIOR", "NONE", "SENIOR"],
    [1, "PRINCIPAL", "NONE", "SENIOR"],
    [1, "SENIOR", "AGENTIC", "SENIOR"],
    [2, "JUNIOR", "ASSISTED", "SENIOR"],
    [2, "MID", "GENERATED", "SENIOR"],
    [3, "MID", "AGENTIC", "SENIOR"],
    [2, "JUNIOR", "NONE", "MID"],
    [3, "MID", "NONE", "MID"],
    [2, "SENIOR", "GENERATED", "MID"],
    [3, "PRINCIPAL", "AGENTIC", "MID"],
  ] as const)("tier %i, %s author, AI %s -> %s", (tier, authorLevel, aiExtent, expected) => {
    const decision = minimumLevel({ tier, authorLevel, aiExtent });
    expect(decision.minLevel).toBe(expected);
    expect(decision.rule.length).toBeGreaterThan(10);
  });
});
