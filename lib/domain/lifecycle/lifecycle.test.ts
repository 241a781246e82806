import { describe, expect, it } from "vitest";
import {
  STATUSES,
  approvalState,
  canTransition,
  requirementSatisfied,
  type Action,
  type RequirementView,
  type Status,
} from "./lifecycle";

describe("canTransition (docs/architecture.md, Lifecycle)", () => {
  const table: [Action, Status[]][] = [
    ["SUBMIT", ["DRAFT"]],
    ["WITHDRAW", ["DRAFT", "PENDING", "CHANGES_REQUESTED", "APPROVED"]],
    ["NEW_REVISION", ["PENDING", "CHANGES_REQUESTED", "APPROVED"]],
    ["REQUEST_CHANGES", ["PENDING", "APPROVED"]],
    ["REJECT", ["PENDING", "CHANGES_REQUESTED", "APPROVED"]],
    ["APPROVE", ["PENDING", "CHANGES_REQUESTED", "APPROVED", "DEPLOYED"]],
    ["DEPLOY", ["APPROVED", "PENDING"]],
    ["ROLL_BACK", ["DEPLOYED"]],
  ];
  for (const [action, allowed] of table) {
    it.each(STATUSES.map((s) => [s, allowed.includes(s)] as const))(
      `${action} from %s: %s`,
      (status, ok) => {
        const verdict = canTransition(status, action);
        expect(verdict.ok).toBe(ok);
        if (!verdict.ok) expect(verdict.reason).toMatch(/^You cannot .+ a change that is /);
      },
    );
  }
});

const req = (over: Partial<RequirementView> = {}): RequirementView => ({
  systemSlug: "checkout-api",
  approvalsRequired: 2,
  minLevel: "SENIOR",
  principalRequired: false,
  frozen: false,
  emergencyApprovals: null,
  approvers: [],
  ...over,
});
const a = (
  reviewerId: string,
  level: RequirementView["approvers"][number]["level"] = "SENIOR",
) => ({ reviewerId, level });

describe("requirementSatisfied", () => {
  it.each([
    ["no approvals", req(), false],
    ["one of two", req({ approvers: [a("x")] }), false],
    ["two distinct", req({ approvers: [a("x"), a("y")] }), true],
    ["the same person twice", req({ approvers: [a("x"), a("x")] }), false],
    ["one below the level", req({ approvers: [a("x"), a("y", "MID")] }), false],
    [
      "principal required, none",
      req({ principalRequired: true, approvers: [a("x"), a("y")] }),
      false,
    ],
    [
      "principal required, one",
      req({ principalRequired: true, approvers: [a("x"), a("y", "PRINCIPAL")] }),
      true,
    ],
    [
      "MID minimum, MID approver",
      req({ approvalsRequired: 1, minLevel: "MID", approvers: [a("x", "MID")] }),
      true,
    ],
  ])("%s: %s", (_n, r, ok) => {
    expect(requirementSatisfied(r)).toBe(ok);
  });
});

describe("approvalState", () => {
  it("is approved when every requirement is satisfied and nothing blocks", () => {
    const s = approvalState({
      requirements: [
        req({ approvers: [a("x"), a("y")] }),
        req({ systemSlug: "b", approvalsRequired: 1, approvers: [a("x")] }),
      ],
      blockedBy: [],
      emergency: false,
    });
    expect(s).toMatchObject({ approved: true, deployable: true, missing: [] });
  });
  it("names what is missing", () => {
    const s = approvalState({
      requirements: [
        req({ approvers: [a("x")] }),
        req({ systemSlug: "b", approvalsRequired: 1, approvers: [a("x")] }),
      ],
      blockedBy: [],
      emergency: false,
    });
    expect(s).toMatchObject({
      approved: false,
      deployable: false,
      missing: ["checkout-api"],
      satisfied: ["b"],
    });
    expect(s.reason).toBe("Waiting for approvals on checkout-api.");
  });
  it("a blocking review stops approval", () => {
    const s = approvalState({
      requirements: [req({ approvers: [a("x"), a("y")] })],
      blockedBy: ["@zed"],
      emergency: false,
    });
    expect(s.approved).toBe(false);
    expect(s.reason).toMatch(/Blocked: changes requested by @zed/);
  });
  it("a freeze allows approval but not deployment", () => {
    const s = approvalState({
      requirements: [req({ frozen: true, approvers: [a("x"), a("y")] })],
      blockedBy: [],
      emergency: false,
    });
    expect([s.approved, s.deployable]).toEqual([true, false]);
  });
  it("an emergency is deployable with one SENIOR+ approval per requirement, even in a freeze", () => {
    const s = approvalState({
      requirements: [req({ frozen: true, emergencyApprovals: 1, approvers: [a("x")] })],
      blockedBy: [],
      emergency: true,
    });
    expect([s.approved, s.deployable]).toEqual([false, true]);
    expect(s.reason).toMatch(/due within 24 hours/);
  });
  it("an emergency with only a MID approval is not deployable", () => {
    const s = approvalState({
      requirements: [req({ minLevel: "MID", emergencyApprovals: 1, approvers: [a("x", "MID")] })],
      blockedBy: [],
      emergency: true,
    });
    expect(s.deployable).toBe(false);
  });
  it("no requirements: never approved", () => {
    expect(approvalState({ requirements: [], blockedBy: [], emergency: false }).approved).toBe(
      false,
    );
  });
});
