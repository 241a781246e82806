import { describe, expect, it } from "vitest";
import { gate, type GateInput } from "./gate";
import type { RequirementView } from "@/lib/domain/lifecycle/lifecycle";

const requirement = (over: Partial<RequirementView> = {}): RequirementView => ({
  systemSlug: "checkout",
  approvalsRequired: 2,
  minLevel: "SENIOR",
  principalRequired: false,
  frozen: false,
  emergencyApprovals: null,
  approvers: [],
  ...over,
});
const senior = (id: string) => ({ reviewerId: id, level: "SENIOR" as const });
const mid = (id: string) => ({ reviewerId: id, level: "MID" as const });

const input = (over: Partial<GateInput> = {}): GateInput => ({
  key: "CR-7",
  status: "PENDING",
  emergency: false,
  currentRevision: 1,
  requirements: [requirement()],
  blockedBy: [],
  ...over,
});

describe("gate", () => {
  it.each([
    // [case, input, allowed, unmet systems]
    ["nobody approved", input(), false, ["checkout"]],
    [
      "one of two",
      input({ requirements: [requirement({ approvers: [senior("a")] })] }),
      false,
      ["checkout"],
    ],
    [
      "two seniors",
      input({
        status: "APPROVED",
        requirements: [requirement({ approvers: [senior("a"), senior("b")] })],
      }),
      true,
      [],
    ],
    [
      "the same senior twice counts once",
      input({ requirements: [requirement({ approvers: [senior("a"), senior("a")] })] }),
      false,
      ["checkout"],
    ],
    [
      "a MID does not count for a SENIOR+ requirement",
      input({ requirements: [requirement({ approvers: [senior("a"), mid("b")] })] }),
      false,
      ["checkout"],
    ],
    [
      "one system of two",
      input({
        requirements: [
          requirement({ approvers: [senior("a"), senior("b")] }),
          requirement({ systemSlug: "payments", approvalsRequired: 1 }),
        ],
      }),
      false,
      ["payments"],
    ],
    [
      "approved but frozen",
      input({
        status: "APPROVED",
        requirements: [requirement({ frozen: true, approvers: [senior("a"), senior("b")] })],
      }),
      false,
      [],
    ],
    [
      "approved but changes requested since",
      input({
        status: "CHANGES_REQUESTED",
        blockedBy: ["@ana"],
        requirements: [requirement({ approvers: [senior("a"), senior("b")] })],
      }),
      false,
      [],
    ],
    [
      "emergency with one senior",
      input({ emergency: true, requirements: [requirement({ approvers: [senior("a")] })] }),
      true,
      ["checkout"],
    ],
    [
      "withdrawn, though approved",
      input({
        status: "WITHDRAWN",
        requirements: [requirement({ approvers: [senior("a"), senior("b")] })],
      }),
      false,
      [],
    ],
    [
      "rolled back",
      input({
        status: "ROLLED_BACK",
        requirements: [requirement({ approvers: [senior("a"), senior("b")] })],
      }),
      false,
      [],
    ],
    ["a draft", input({ status: "DRAFT", requirements: [] }), false, []],
    [
      "asked by the commit of an older revision",
      input({
        status: "APPROVED",
        currentRevision: 2,
        askedRevision: 1,
        requirements: [requirement({ approvers: [senior("a"), senior("b")] })],
      }),
      false,
      [],
    ],
    [
      "deployed and still signed off",
      input({
        status: "DEPLOYED",
        requirements: [requirement({ approvers: [senior("a"), senior("b")] })],
      }),
      true,
      [],
    ],
  ] as const)("%s", (_case, given, allowed, unmet) => {
    const answer = gate(given);
    expect(answer.allowed).toBe(allowed);
    expect(answer.unmet.map((u) => u.system)).toEqual(unmet);
    expect(answer.reason).toContain("CR-7");
  });

  it("says what is missing in numbers and words", () => {
    const answer = gate(
      input({
        requirements: [requirement({ approvers: [senior("a")] })],
        nameOf: () => "Ana Ruiz",
      }),
    );
    expect(answer.unmet).toEqual([
      {
        system: "checkout",
        needed: 2,
        have: 1,
        level: "SENIOR+",
        why: "1 of 2 approvals (Ana Ruiz ✓), 1 more SENIOR+ needed",
      },
    ]);
  });

  it("names the frozen systems", () => {
    const answer = gate(
      input({
        status: "APPROVED",
        requirements: [requirement({ frozen: true, approvers: [senior("a"), senior("b")] })],
      }),
    );
    expect(answer.freeze).toEqual({ active: true, systems: ["checkout"] });
    expect(answer.reason).toMatch(/freeze/);
  });
});
