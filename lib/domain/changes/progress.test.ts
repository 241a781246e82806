import { describe, expect, it } from "vitest";
import { assignmentLabel, ordinal, progressLine, queueStage } from "./progress";

const base = {
  approvalsRequired: 2,
  minLevel: "SENIOR" as const,
  principalRequired: false,
  frozen: false,
};

describe("approval progress", () => {
  it.each([
    [{ ...base, approvers: [] }, "0 of 2 approvals, 2 SENIOR+ needed"],
    [
      { ...base, approvers: [{ name: "Ana Ruiz", level: "SENIOR" as const }] },
      "1 of 2 approvals (Ana Ruiz ✓), 1 more SENIOR+ needed",
    ],
    [
      {
        ...base,
        approvers: [
          { name: "Ana Ruiz", level: "SENIOR" as const },
          { name: "Bo Li", level: "PRINCIPAL" as const },
        ],
      },
      "2 of 2 approvals (Ana Ruiz ✓, Bo Li ✓): signed off",
    ],
    [
      { ...base, principalRequired: true, approvers: [{ name: "Ana", level: "SENIOR" as const }] },
      "1 of 2 approvals (Ana ✓), 1 more SENIOR+ needed, one of them a PRINCIPAL",
    ],
    [
      {
        ...base,
        principalRequired: true,
        approvers: [
          { name: "Ana", level: "SENIOR" as const },
          { name: "Cy", level: "SENIOR" as const },
        ],
      },
      "2 of 2 approvals (Ana ✓, Cy ✓), 1 more PRINCIPAL needed",
    ],
    [
      { ...base, approvalsRequired: 1, minLevel: "MID" as const, approvers: [] },
      "0 of 1 approval, 1 MID+ needed",
    ],
    [
      {
        ...base,
        approvalsRequired: 1,
        frozen: true,
        approvers: [{ name: "Ana", level: "SENIOR" as const }],
      },
      "1 of 1 approval (Ana ✓): signed off (frozen: not deployable)",
    ],
  ])("%j -> %s", (requirement, line) => {
    expect(progressLine(requirement)).toBe(line);
  });

  it.each([
    [1, "1st"],
    [2, "2nd"],
    [3, "3rd"],
    [4, "4th"],
    [11, "11th"],
    [12, "12th"],
    [22, "22nd"],
  ])("ordinal %i is %s", (n, text) => {
    expect(ordinal(n)).toBe(text);
  });

  it("a queue row waits for the first review, then for the next approval", () => {
    expect(queueStage(0)).toEqual({ label: "First review due", firstReview: true });
    expect(queueStage(1)).toEqual({ label: "awaiting 2nd approval", firstReview: false });
  });

  it.each([
    ["OPEN", "PENDING", "pending"],
    ["OPEN", "WITHDRAWN", "released"],
    ["OPEN", "REJECTED", "released"],
    ["DISMISSED", "PENDING", "released"],
    ["DONE", "APPROVED", "reviewed"],
  ] as const)("an %s assignment on a %s change is %s", (state, status, label) => {
    expect(assignmentLabel(state, status)).toBe(label);
  });
});
