import { describe, expect, it } from "vitest";
import { describeEvent } from "./describe";

const ev = (action: string, payload: unknown, subjectLabel: string | null = "CR-7") => ({
  action,
  actorName: "Joshuah Stracke",
  subjectLabel,
  changeKey: "CR-7",
  payload,
});

describe("the history in words", () => {
  it.each([
    [
      ev("review.submitted", {
        revision: 1,
        decision: "APPROVE",
        secondsSpent: 3,
        linesChanged: 34,
        possibleRubberStamp: true,
      }),
      "Joshuah Stracke approved revision 1 (3 s on 34 lines: possible rubber stamp)",
    ],
    [
      ev("review.submitted", { revision: 2, decision: "REQUEST_CHANGES", threads: ["a", "b"] }),
      "Joshuah Stracke requested changes on revision 2, pointing at 2 threads",
    ],
    [
      ev("review.submitted", { revision: 1, decision: "REJECT" }),
      "Joshuah Stracke rejected revision 1",
    ],
    [
      ev(
        "incident.change_linked",
        { change: "CR-7", kind: "CAUSE", previousKind: null },
        "INC-200 Checkout down",
      ),
      "Joshuah Stracke linked CR-7 as the CAUSE of INC-200",
    ],
    [
      ev("change.revised", { revision: 2, note: "Dropped the timeout.", dismissedApprovals: 1 }),
      "Joshuah Stracke uploaded revision 2: “Dropped the timeout.” (1 approval no longer count)",
    ],
    [
      ev("comment.added", { path: "src/pay.ts", startLine: 4, endLine: 6 }),
      "Joshuah Stracke commented on src/pay.ts lines 4–6",
    ],
    [ev("comment.added", { reply: true }), "Joshuah Stracke replied in a thread"],
    [
      ev("transcript.attached", {
        fileName: "s.jsonl",
        source: "Claude Code session",
        messages: 12,
        secretsMasked: 1,
      }),
      "Joshuah Stracke attached the AI session s.jsonl (Claude Code session, 12 messages, 1 secret masked)",
    ],
    [
      ev("second_look.decided", { verdict: "AGREE" }),
      "Joshuah Stracke took a second look and agreed with the approval",
    ],
    [ev("something.new", {}), null],
  ])("%j -> %s", (event, words) => {
    expect(describeEvent(event)).toBe(words);
  });

  it("names a person without their handle", () => {
    expect(describeEvent({ ...ev("thread.resolved", {}), actorName: "Ana Lima (@ana.lima)" })).toBe(
      "Ana Lima resolved a thread",
    );
  });

  it("leaves the rubber-stamp flag out for those who may not see it", () => {
    const event = ev("review.submitted", {
      revision: 1,
      decision: "APPROVE",
      secondsSpent: 3,
      linesChanged: 34,
      possibleRubberStamp: true,
    });
    expect(describeEvent(event, { showStamp: false })).toBe(
      "Joshuah Stracke approved revision 1 (3 s on 34 lines)",
    );
  });
});
