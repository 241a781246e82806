import { describe, expect, it } from "vitest";
import type { GateAnswer } from "@/lib/domain/gate/gate";
import { MAX_DESCRIPTION, signOffStatus } from "./sign-off-status";

const answer = (over: Partial<GateAnswer> = {}): GateAnswer => ({
  key: "CR-9",
  allowed: false,
  status: "PENDING",
  reason: "CR-9: waiting for approvals",
  unmet: [{ system: "checkout-api", needed: 2, have: 1, level: "SENIOR+", why: "" }],
  freeze: { active: false, systems: [] },
  emergency: false,
  revision: 1,
  ...over,
});

describe("signOffStatus", () => {
  it.each([
    [
      "pending with what is missing",
      answer(),
      [],
      "pending",
      "1 of 2 approvals: checkout-api needs 1 more SENIOR+",
    ],
    [
      "pending across two systems",
      answer({
        unmet: [
          { system: "checkout-api", needed: 2, have: 1, level: "SENIOR+", why: "" },
          { system: "payments-db", needed: 1, have: 0, level: "PRINCIPAL", why: "" },
        ],
      }),
      [],
      "pending",
      "1 of 3 approvals: checkout-api needs 1 more SENIOR+; payments-db needs 1 more PRINCIPAL",
    ],
    [
      "success when the gate allows",
      answer({ allowed: true, unmet: [], reason: "CR-9: signed off" }),
      [],
      "success",
      "Signed off: CR-9: signed off",
    ],
    [
      "failure when rejected",
      answer({ status: "REJECTED", reason: "CR-9 is rejected: it may not be deployed." }),
      [],
      "failure",
      "CR-9 is rejected: it may not be deployed.",
    ],
    [
      "failure when frozen",
      answer({ freeze: { active: true, systems: ["checkout-api"] } }),
      [],
      "failure",
      "Frozen: checkout-api is in a change freeze",
    ],
    [
      "failure when withdrawn",
      answer({ status: "WITHDRAWN" }),
      [],
      "failure",
      "CR-9 was withdrawn in Countersign",
    ],
    [
      "failure when the disclosure is missing",
      null,
      ["tick one box under “AI disclosure”"],
      "failure",
      "Countersign needs: tick one box under “AI disclosure”",
    ],
  ] as const)("%s", (_, gate, missing, state, description) => {
    expect(signOffStatus(gate, missing)).toEqual({ state, description });
  });

  it("clips a long description to the host's limit", () => {
    const long = signOffStatus(answer({ status: "REJECTED", reason: "x".repeat(500) }), []);
    expect(long.description).toHaveLength(MAX_DESCRIPTION);
    expect(long.description.endsWith("…")).toBe(true);
  });
});
