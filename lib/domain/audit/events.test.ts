import { describe, expect, it } from "vitest";
import { ACTIONS_CHANGING_NOTHING_SHARED, AUDIT_ACTIONS } from "./events";

const quiet = new Set<string>(ACTIONS_CHANGING_NOTHING_SHARED);

describe("actions that change nothing a shared read shows", () => {
  it("are all real audit actions", () => {
    for (const action of ACTIONS_CHANGING_NOTHING_SHARED) expect(AUDIT_ACTIONS).toContain(action);
  });

  // Each of these moves a figure, a list or a queue: it must end the shared reads.
  it.each([
    "change.submitted",
    "change.revised",
    "change.deployed",
    "change.withdrawn",
    "review.submitted",
    "second_look.decided",
    "incident.recorded",
    "incident.change_linked",
    "system.updated",
    "team.updated",
    "import.codeowners",
    "metrics.rebuilt",
  ])("%s ends them", (action) => {
    expect(AUDIT_ACTIONS).toContain(action);
    expect(quiet.has(action)).toBe(false);
  });

  it.each(["auth.signed_in", "review.opened", "review.file_viewed", "notifications.read"])(
    "%s does not",
    (action) => {
      expect(quiet.has(action)).toBe(true);
    },
  );
});
