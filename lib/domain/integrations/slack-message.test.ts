import { describe, expect, it } from "vitest";
import { isSlackKind, slackMessage } from "./slack-message";

describe("slackMessage", () => {
  it("builds Block Kit with a fallback text and a button to the page", () => {
    const m = slackMessage({
      kind: "ASSIGNED",
      title: "CR-9 is assigned to you",
      body: 'Please review "Retry <once> & log".',
      url: "https://countersign.example/changes/CR-9",
      for: "@ana",
    });
    expect(m.text).toBe('CR-9 is assigned to you: Please review "Retry <once> & log".');
    expect(m.blocks[0]).toEqual({
      type: "section",
      text: {
        type: "mrkdwn",
        text: ':eyes: *CR-9 is assigned to you*\nPlease review "Retry &lt;once&gt; &amp; log".',
      },
    });
    expect(m.blocks[2]).toMatchObject({
      elements: [{ type: "button", url: "https://countersign.example/changes/CR-9" }],
    });
  });

  it.each([
    ["ASSIGNED", true],
    ["INCIDENT_SUSPECT", true],
    ["NEW_REVISION", false],
    ["DEPLOYED", false],
  ])("%s goes to a team's channel: %s", (kind, yes) => {
    expect(isSlackKind(kind)).toBe(yes);
  });
});
