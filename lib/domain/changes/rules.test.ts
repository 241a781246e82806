import { describe, expect, it } from "vitest";
import { isAuthorOrCoAuthor, maySeeChange } from "./people";
import { isReviewable, reviewProblems, statusAfterReview } from "./review";
import { measuredSeconds } from "./timing";
import type { Status } from "@/lib/domain/lifecycle/lifecycle";

const change = { authorId: "a", coAuthorIds: ["c"] };

describe("who a change belongs to", () => {
  it.each([
    ["a", true],
    ["c", true],
    ["x", false],
  ])("%s is author or co-author: %s", (id, expected) => {
    expect(isAuthorOrCoAuthor(change, id)).toBe(expected);
  });

  it.each<[string, string[], Status, boolean]>([
    ["a", [], "DRAFT", true],
    ["c", [], "DRAFT", true],
    ["x", ["ADMIN"], "DRAFT", true],
    ["x", [], "DRAFT", false],
    ["x", ["MANAGER"], "DRAFT", false],
    ["x", [], "PENDING", true],
    ["x", [], "WITHDRAWN", true],
  ])("%s %j sees a %s change: %s", (id, roles, status, expected) => {
    expect(maySeeChange({ id, roles: roles as never }, { ...change, status })).toBe(expected);
  });
});

describe("reviews", () => {
  it.each<[Status, boolean]>([
    ["DRAFT", false],
    ["PENDING", true],
    ["CHANGES_REQUESTED", true],
    ["APPROVED", true],
    ["DEPLOYED", true],
    ["REJECTED", false],
    ["WITHDRAWN", false],
    ["ROLLED_BACK", false],
  ])("a %s change is reviewable: %s", (status, expected) => {
    expect(isReviewable(status)).toBe(expected);
  });

  const empty = { comment: "", attestation: "", checklist: [] };
  it.each([
    ["an approval without attestation", { ...empty, decision: "APPROVE" }, [], ["attestation"]],
    [
      "an approval missing a checklist item",
      { ...empty, decision: "APPROVE", attestation: "I read every line and ran it." },
      ["DATA_MIGRATION"],
      ["checklist.DATA_MIGRATION"],
    ],
    [
      "a complete approval",
      {
        ...empty,
        decision: "APPROVE",
        attestation: "I read every line and ran it.",
        checklist: ["DATA_MIGRATION"],
      },
      ["DATA_MIGRATION"],
      [],
    ],
    ["a rejection without reason", { ...empty, decision: "REJECT" }, [], ["comment"]],
    ["a request without comment", { ...empty, decision: "REQUEST_CHANGES" }, [], ["comment"]],
  ])("%s", (_name, review, flags, fields) => {
    expect(reviewProblems(review as never, flags as never).map((p) => p.field)).toEqual(fields);
  });

  it.each<[Status, "APPROVE" | "REQUEST_CHANGES" | "REJECT", boolean, boolean, Status, boolean]>([
    ["PENDING", "APPROVE", false, false, "PENDING", false],
    ["PENDING", "APPROVE", true, false, "APPROVED", true],
    ["CHANGES_REQUESTED", "APPROVE", true, false, "APPROVED", true],
    ["APPROVED", "APPROVE", true, false, "APPROVED", false],
    ["PENDING", "REQUEST_CHANGES", false, false, "CHANGES_REQUESTED", false],
    ["APPROVED", "REJECT", true, false, "REJECTED", true],
    ["DEPLOYED", "APPROVE", true, true, "DEPLOYED", false],
  ])(
    "%s + %s (all met: %s) -> %s, releases assignments: %s",
    (status, decision, approved, retro, next, close) => {
      const effect = statusAfterReview(status, decision, approved, retro);
      expect(effect.status).toBe(next);
      expect(effect.close).toBe(close);
    },
  );

  it("a retrospective approval completes the emergency's review only when every requirement is met", () => {
    expect(statusAfterReview("DEPLOYED", "APPROVE", true, true)).toMatchObject({
      retrospectiveDone: true,
    });
    expect(statusAfterReview("DEPLOYED", "APPROVE", false, true)).toMatchObject({
      retrospectiveDone: false,
    });
  });
});

describe("measured review time", () => {
  const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
  it.each([
    ["never opened", null, null, 0],
    ["opened 10 min before", at(0), null, 600],
    ["a file marked first", at(300), at(60), 540],
    ["opened after deciding (clock skew)", at(700), null, 0],
  ])("%s", (_n, openedAt, firstFileViewAt, seconds) => {
    expect(measuredSeconds({ openedAt, firstFileViewAt, decidedAt: at(600) })).toBe(seconds);
  });
});
