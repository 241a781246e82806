// A notification as a Slack message (Block Kit): a header line, the text, and a button to the
// page, with plain text as the fallback Slack shows in notifications. Only the kinds a team's
// channel wants are posted. Pure.
export const SLACK_KINDS = [
  "ASSIGNED",
  "CHANGES_REQUESTED",
  "APPROVED",
  "SLA_BREACH",
  "UNROUTABLE",
  "INCIDENT_SUSPECT",
] as const;

const EMOJI: Record<(typeof SLACK_KINDS)[number], string> = {
  ASSIGNED: ":eyes:",
  CHANGES_REQUESTED: ":memo:",
  APPROVED: ":white_check_mark:",
  SLA_BREACH: ":alarm_clock:",
  UNROUTABLE: ":warning:",
  INCIDENT_SUSPECT: ":rotating_light:",
};

export function isSlackKind(kind: string): kind is (typeof SLACK_KINDS)[number] {
  return (SLACK_KINDS as readonly string[]).includes(kind);
}

/** Slack's mrkdwn treats &, < and > as markup. */
const escape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function slackMessage(n: {
  kind: (typeof SLACK_KINDS)[number];
  title: string;
  body: string;
  url: string;
  /** Who it was for: "@ana, @ben". */
  for: string;
}) {
  return {
    text: `${n.title}: ${n.body}`,
    blocks: [
      {
        type: "section",
        text: { type: "mrkdwn", text: `${EMOJI[n.kind]} *${escape(n.title)}*\n${escape(n.body)}` },
      },
      { type: "context", elements: [{ type: "mrkdwn", text: `For ${escape(n.for)}` }] },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: "Open in Countersign" },
            url: n.url,
          },
        ],
      },
    ],
  };
}
