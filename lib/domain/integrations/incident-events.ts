// Incident tools' webhook events, read into one shape: PagerDuty's V3 webhooks
// (incident.triggered / acknowledged / resolved, as in PagerDuty's documented examples) and
// Countersign's generic incident webhook (README, "Incident webhooks"). Pure.
import { z } from "zod";
import type { Severity } from "@/lib/domain/incidents/incident";

/** Each incident tool: the `source` its incidents are stored under, and its name for people. */
export const INCIDENT_SOURCES = {
  PAGERDUTY: { source: "pagerduty", name: "PagerDuty" },
  INCIDENT_WEBHOOK: { source: "webhook", name: "an incident webhook" },
} as const;

/** The tool an incident's `source` names, for people ("PagerDuty"). */
export function sourceName(source: string | null): string | null {
  return Object.values(INCIDENT_SOURCES).find((s) => s.source === source)?.name ?? null;
}

export interface ToolIncidentEvent {
  /** The delivery's id (a redelivery has the same one). */
  eventId: string;
  type: "triggered" | "acknowledged" | "mitigated" | "resolved";
  externalId: string;
  title: string;
  serviceId: string;
  severity: Severity;
  url: string | null;
  startedAt: Date;
  occurredAt: Date;
}

const when = z.iso.datetime({ offset: true }).transform((v) => new Date(v));

const pagerDutySchema = z.object({
  event: z.object({
    id: z.string().min(1).max(200),
    event_type: z.string().max(100),
    occurred_at: when,
    data: z
      .object({
        id: z.string().min(1).max(100),
        type: z.string().optional(),
        html_url: z.string().url().max(2000).optional(),
        title: z.string().max(1000).default(""),
        created_at: when.optional(),
        urgency: z.enum(["high", "low"]).optional(),
        priority: z.object({ summary: z.string().max(20) }).nullish(),
        service: z.object({ id: z.string().min(1).max(100) }),
      })
      .passthrough(),
  }),
});

const PAGERDUTY_TYPES: Record<string, ToolIncidentEvent["type"]> = {
  "incident.triggered": "triggered",
  "incident.acknowledged": "acknowledged",
  "incident.resolved": "resolved",
};

/** P1 -> SEV1 ... P4 and below -> SEV4; without a priority, high urgency is SEV2, low SEV4. */
export function severityOf(priority: string | null | undefined, urgency?: string): Severity {
  const p = /^P(\d)$/i.exec(priority ?? "")?.[1];
  if (p) return `SEV${Math.min(Math.max(Number(p), 1), 4)}` as Severity;
  return urgency === "low" ? "SEV4" : "SEV2";
}

const fitTitle = (title: string, fallback: string) => {
  const t = title.trim().slice(0, 200);
  return t.length >= 5 ? t : `${fallback} ${t}`.trim().slice(0, 200);
};

/** The event, or why Countersign has nothing to do with it. */
export function pagerDutyEvent(body: unknown): ToolIncidentEvent | { ignored: string } {
  const parsed = pagerDutySchema.safeParse(body);
  if (!parsed.success)
    return {
      ignored: `not a PagerDuty V3 incident event (${parsed.error.issues[0]?.path.join(".")})`,
    };
  const { event } = parsed.data;
  const type = PAGERDUTY_TYPES[event.event_type];
  if (!type) return { ignored: `${event.event_type} changes nothing Countersign keeps` };
  const data = event.data;
  return {
    eventId: event.id,
    type,
    externalId: data.id,
    title: fitTitle(data.title, `PagerDuty incident ${data.id}:`),
    serviceId: data.service.id,
    severity: severityOf(data.priority?.summary, data.urgency),
    url: data.html_url ?? null,
    startedAt: data.created_at ?? event.occurred_at,
    occurredAt: event.occurred_at,
  };
}

export const genericIncidentSchema = z
  .object({
    id: z.string().min(1).max(200),
    event: z.enum(["triggered", "acknowledged", "mitigated", "resolved"]),
    incident: z.object({
      id: z.string().min(1).max(200),
      title: z.string().max(1000),
      service: z.string().min(1).max(100),
      severity: z.enum(["SEV1", "SEV2", "SEV3", "SEV4"]).default("SEV2"),
      url: z.string().url().max(2000).optional(),
      startedAt: when,
    }),
    at: when,
  })
  .strict();

export function genericIncidentEvent(body: unknown): ToolIncidentEvent | { ignored: string } {
  const parsed = genericIncidentSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ignored: `not an incident event: ${issue?.path.join(".")} ${issue?.message}` };
  }
  const { id, event, incident, at } = parsed.data;
  return {
    eventId: id,
    type: event,
    externalId: incident.id,
    title: fitTitle(incident.title, `Incident ${incident.id}:`),
    serviceId: incident.service,
    severity: incident.severity,
    url: incident.url ?? null,
    startedAt: incident.startedAt,
    occurredAt: at,
  };
}
