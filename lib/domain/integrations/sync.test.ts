import { describe, expect, it } from "vitest";
import { syncStep, type LinkedChange } from "./sync";

const described = {
  title: "Retry once",
  intent: "Timeouts at peak fail checkouts.",
  aiTools: ["Claude Code"],
  aiWrote: "the retry",
  rollbackPlan: "",
  testEvidence: "",
};
const change = (over: Partial<LinkedChange> = {}): LinkedChange => ({
  status: "PENDING",
  commit: "a1",
  aiExtent: "GENERATED",
  described,
  ...over,
});
const pr = (over: object = {}) => ({
  state: "open" as const,
  draft: false,
  headSha: "a1",
  ...over,
});
const wanted = (over: object = {}) => ({
  submit: true,
  aiExtent: "GENERATED" as const,
  described,
  ...over,
});

describe("syncStep", () => {
  it.each([
    ["an open pull request without a change creates one", pr(), null, wanted(), "create"],
    ["a draft pull request waits", pr({ draft: true }), null, wanted(), "ignore"],
    [
      "a reopened pull request after a withdrawal creates a new change",
      pr(),
      change({ status: "WITHDRAWN" }),
      wanted(),
      "create",
    ],
    ["a new head commit is a new revision", pr({ headSha: "b2" }), change(), wanted(), "revise"],
    [
      "a new head commit on an approved change is a new revision",
      pr({ headSha: "b2" }),
      change({ status: "APPROVED" }),
      wanted(),
      "revise",
    ],
    [
      "a stronger disclosure is a new revision",
      pr(),
      change({ aiExtent: "ASSISTED" }),
      wanted(),
      "revise",
    ],
    [
      "an edited title is described",
      pr(),
      change(),
      wanted({ described: { ...described, title: "Retry the card once" } }),
      "describe",
    ],
    ["a redelivery changes nothing", pr(), change(), wanted(), "none"],
    [
      "a change still a draft is saved again (submitted once complete)",
      pr(),
      change({ status: "DRAFT" }),
      wanted(),
      "save-draft",
    ],
    ["closed without merge withdraws", pr({ state: "closed" }), change(), wanted(), "withdraw"],
    [
      "closed without merge withdraws a draft",
      pr({ state: "closed" }),
      change({ status: "DRAFT" }),
      wanted(),
      "withdraw",
    ],
    [
      "closed after a withdrawal does nothing",
      pr({ state: "closed" }),
      change({ status: "WITHDRAWN" }),
      wanted(),
      "none",
    ],
    [
      "merged leaves the change as it is",
      pr({ state: "merged" }),
      change({ status: "APPROVED" }),
      wanted(),
      "none",
    ],
    [
      "a deployed change takes no new revision",
      pr({ headSha: "b2" }),
      change({ status: "DEPLOYED" }),
      wanted(),
      "none",
    ],
    [
      "a rejected change takes no new revision here",
      pr({ headSha: "b2" }),
      change({ status: "REJECTED" }),
      wanted(),
      "none",
    ],
  ] as const)("%s", (_, p, c, w, kind) => {
    expect(syncStep(p, c, w).kind).toBe(kind);
  });

  it("names the new disclosure and the fields edited", () => {
    expect(syncStep(pr(), change({ aiExtent: "ASSISTED" }), wanted())).toEqual({
      kind: "revise",
      aiExtent: "GENERATED",
    });
    expect(syncStep(pr({ headSha: "b2" }), change(), wanted())).toEqual({
      kind: "revise",
      aiExtent: null,
    });
    expect(
      syncStep(
        pr(),
        change(),
        wanted({ described: { ...described, aiTools: ["Cursor"], intent: "x" } }),
      ),
    ).toEqual({ kind: "describe", fields: ["intent", "aiTools"] });
  });
});
