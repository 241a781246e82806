// The four webhook receivers, declared once: the header each is signed with, how each names its
// deliveries and events, and the answer a sender gets (202 queued, 200 already received). Routes
// under app/api/v1/integrations/*/webhook are one line each.
import { createHash } from "node:crypto";
import { webhookRoute } from "./webhook";
import { genericIncidentSchema } from "@/lib/domain/integrations/incident-events";
import { validationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import type { ConnectionKind } from "@/lib/server/integrations/connections";
import { receiveDelivery } from "@/lib/server/integrations/deliveries";
import { SIGNATURE_HEADERS, signerOf } from "@/lib/server/integrations/signatures";

interface Named {
  deliveryId: string;
  event: string;
}

const digest = (text: string) => createHash("sha256").update(text).digest("hex");

const NAMES: Record<ConnectionKind, (headers: Headers, body: unknown, text: string) => Named> = {
  GITHUB: (h, body) => {
    const deliveryId = h.get("x-github-delivery");
    const event = h.get("x-github-event");
    if (!deliveryId || !event)
      throw validationError([
        { field: deliveryId ? "X-GitHub-Event" : "X-GitHub-Delivery", message: "is missing" },
      ]);
    // The log reads better with the action: pull_request.synchronize.
    const action = (body as { action?: unknown } | null)?.action;
    return { deliveryId, event: typeof action === "string" ? `${event}.${action}` : event };
  },
  GITLAB: (h, _body, text) => {
    const event = h.get("x-gitlab-event");
    if (!event) throw validationError([{ field: "X-Gitlab-Event", message: "is missing" }]);
    // GitLab 15+ names every event; an older GitLab's redelivery is the same bytes.
    return { deliveryId: h.get("x-gitlab-event-uuid") ?? digest(text), event };
  },
  PAGERDUTY: (_h, body, text) => {
    const event = (body as { event?: { id?: unknown; event_type?: unknown } } | null)?.event;
    return {
      deliveryId: typeof event?.id === "string" ? event.id : digest(text),
      event: typeof event?.event_type === "string" ? event.event_type : "unknown",
    };
  },
  INCIDENT_WEBHOOK: (_h, body) => {
    const parsed = parseInput(genericIncidentSchema, body);
    return { deliveryId: parsed.id, event: parsed.event };
  },
};

const SENDERS: Record<ConnectionKind, string> = {
  GITHUB:
    "GitHub: a pull_request event (opened, reopened, ready_for_review, synchronize, edited, closed). Content type application/json; the delivery id is X-GitHub-Delivery.",
  GITLAB: "GitLab: a Merge Request Hook; the delivery id is X-Gitlab-Event-UUID.",
  PAGERDUTY: "PagerDuty V3: incident.triggered, incident.acknowledged, incident.resolved.",
  INCIDENT_WEBHOOK:
    'Any incident tool: `{ "id", "event": "triggered" | "acknowledged" | "mitigated" | "resolved", "incident": { "id", "title", "service", "severity", "url", "startedAt" }, "at" }` (README, Integrations).',
};

export function webhookReceiver(kind: ConnectionKind) {
  return webhookRoute({
    summary: `Webhook: ${SENDERS[kind]}`,
    header: SIGNATURE_HEADERS[kind],
    verify: (text, headers) => signerOf(kind, text, headers),
    handle: async ({ signer, body, text, headers }) => {
      const { deliveryId, event } = NAMES[kind](headers, body, text);
      const received = await receiveDelivery(signer, deliveryId, event, body);
      return received.id
        ? { status: 202, body: { received: deliveryId, event } }
        : { status: 200, body: { received: deliveryId, event, duplicate: true } };
    },
  });
}
