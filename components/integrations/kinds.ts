// The kinds of connection as /admin/integrations presents them (README, Integrations).
export type Kind = "GITHUB" | "GITLAB" | "PAGERDUTY" | "INCIDENT_WEBHOOK";

export const KINDS: Record<
  Kind,
  {
    label: string;
    codeHost: boolean;
    path: string;
    baseUrl?: string;
    baseUrlHint?: string;
    secretHint: string;
    tokenHint?: string;
    setup: string;
  }
> = {
  GITHUB: {
    label: "GitHub",
    codeHost: true,
    path: "/api/v1/integrations/github/webhook",
    baseUrl: "https://api.github.com",
    baseUrlHint: "GitHub Enterprise Server: https://github.example.com/api/v3",
    secretHint: "The webhook's secret: GitHub signs each delivery with it (X-Hub-Signature-256).",
    tokenHint: "A token with pull requests: read, contents: read and commit statuses: write.",
    setup:
      "Repository or organisation settings → Webhooks → Add webhook: content type application/json, the Pull requests event. Then map each repository below.",
  },
  GITLAB: {
    label: "GitLab",
    codeHost: true,
    path: "/api/v1/integrations/gitlab/webhook",
    baseUrl: "https://gitlab.com",
    baseUrlHint: "Self-managed: your instance, e.g. https://gitlab.example.com",
    secretHint: "The webhook's secret token: GitLab sends it as X-Gitlab-Token.",
    tokenHint: "A token with the api scope (to read merge requests and set commit statuses).",
    setup:
      "Project or group settings → Webhooks: the secret token above, Merge request events. Then map each project below.",
  },
  PAGERDUTY: {
    label: "PagerDuty",
    codeHost: false,
    path: "/api/v1/integrations/pagerduty/webhook",
    secretHint: "The V3 webhook subscription's signing secret (X-PagerDuty-Signature).",
    setup:
      "Integrations → Generic Webhooks (v3) → New Webhook: incident.triggered, incident.acknowledged, incident.resolved. Then map each service to a system below.",
  },
  INCIDENT_WEBHOOK: {
    label: "Incident webhook (any tool)",
    codeHost: false,
    path: "/api/v1/integrations/incidents/webhook",
    secretHint:
      "Sign each delivery: X-Countersign-Signature-256: sha256=<hex HMAC-SHA256 of the body>.",
    setup: "Send the JSON the README describes under Integrations. Then map each service below.",
  },
};
