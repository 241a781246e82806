import { describe, expect, it } from "vitest";
import { beforeAfterChanges, isBeforeAfter } from "./diff";

describe("beforeAfterChanges", () => {
  it.each([
    [
      { tier: 2, owningTeam: "a" },
      { tier: 1, owningTeam: "a" },
      [{ path: "tier", kind: "changed", before: 2, after: 1 }],
    ],
    [
      { extraApprovers: { users: ["x"] } },
      { extraApprovers: { users: ["x", "y"] } },
      [{ path: "extraApprovers.users.1", kind: "added", after: "y" }],
    ],
    [{ a: 1, b: 2 }, { a: 1 }, [{ path: "b", kind: "removed", before: 2 }]],
    [{ a: 1 }, { a: 1 }, []],
    [3, 4, [{ path: "value", kind: "changed", before: 3, after: 4 }]],
  ])("%j -> %j", (before, after, expected) => {
    expect(beforeAfterChanges(before, after)).toEqual(expected);
  });

  it("recognises before/after payloads", () => {
    expect(isBeforeAfter({ before: 1, after: 2 })).toBe(true);
    expect(isBeforeAfter({ provider: "demo" })).toBe(false);
    expect(isBeforeAfter(null)).toBe(false);
  });
});
