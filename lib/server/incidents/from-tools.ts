// Incidents that start in a tool (PagerDuty, or any tool through the generic incident webhook):
// a triggered event records the incident on the systems its service is mapped to, lists its
// suspects at once (changes deployed to those systems in the 24 hours before) and tells the
// authors and approvers of the top suspects; acknowledged changes nothing kept here; mitigated and
// resolved set their times. Any event of an incident not seen yet records it first, so a missed
// trigger loses nothing. One transaction with its audit event; the actor is the connection.
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/domain/actor";
import {
  INCIDENT_SOURCES,
  type ToolIncidentEvent,
} from "@/lib/domain/integrations/incident-events";
import { timeProblems } from "@/lib/domain/incidents/incident";
import { mutate } from "@/lib/server/audit/mutate";
import { notify } from "@/lib/server/notify";
import { view } from "./incidents";
import { suspectChanges } from "./queries";

/** How many of the best-ranked suspects' people are told at once. */
export const SUSPECTS_TOLD = 3;

export interface ToolConnection {
  id: string;
  kind: "PAGERDUTY" | "INCIDENT_WEBHOOK";
  name: string;
}

export interface ToolIncidentResult {
  outcome: "DONE" | "IGNORED";
  detail: string;
}

async function tellSuspects(
  tx: Tx,
  incident: { id: string; key: string; title: string; startedAt: Date },
) {
  const suspects = (await suspectChanges(incident.id, incident.startedAt, tx)).slice(
    0,
    SUSPECTS_TOLD,
  );
  const people = await tx.changeRequest.findMany({
    where: { id: { in: suspects.map((s) => s.id) } },
    select: {
      id: true,
      authorId: true,
      reviews: { where: { decision: "APPROVE" }, select: { reviewerId: true } },
    },
  });
  for (const suspect of suspects) {
    const change = people.find((c) => c.id === suspect.id)!;
    await notify(tx, [change.authorId, ...change.reviews.map((r) => r.reviewerId)], {
      kind: "INCIDENT_SUSPECT",
      changeKey: suspect.key,
      link: `/incidents/${incident.key}`,
      title: `${incident.key}: ${suspect.key} is a suspect`,
      body: `"${incident.title}" started ${suspect.hoursBefore.toFixed(1)} h after ${suspect.key} was deployed to ${suspect.systems.join(", ")}. Please look now.`,
    });
  }
  return suspects.map((s) => s.key);
}

export async function recordToolIncident(
  actor: Actor,
  connection: ToolConnection,
  event: ToolIncidentEvent,
): Promise<ToolIncidentResult> {
  const { source } = INCIDENT_SOURCES[connection.kind];
  return mutate<ToolIncidentResult>(actor, async (tx) => {
    const mapped = await tx.integrationService.findUnique({
      where: {
        integrationId_externalId: { integrationId: connection.id, externalId: event.serviceId },
      },
      select: { system: { select: { id: true, slug: true } } },
    });
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`incident:${source}:${event.externalId}`}))::text`;
    const existing = await tx.incident.findUnique({
      where: { source_externalId: { source, externalId: event.externalId } },
      include: { systems: { select: { system: { select: { slug: true } } } } },
    });
    if (!existing) {
      if (!mapped)
        return {
          result: {
            outcome: "IGNORED",
            detail: `service ${event.serviceId} is not mapped to a system`,
          },
          event: null,
        };
      const [counter] = await tx.$queryRaw<
        { value: number }[]
      >`UPDATE "Counter" SET value = value + 1 WHERE name = 'incident' RETURNING value`;
      const key = `INC-${counter!.value}`;
      const startedAt = event.startedAt <= event.occurredAt ? event.startedAt : event.occurredAt;
      const resolved = event.type === "resolved" ? event.occurredAt : null;
      const mitigated = event.type === "mitigated" || resolved ? event.occurredAt : null;
      const incident = await tx.incident.create({
        data: {
          number: counter!.value,
          key,
          title: event.title,
          severity: event.severity,
          status: resolved ? "RESOLVED" : mitigated ? "MITIGATED" : "INVESTIGATING",
          startedAt,
          detectedAt: startedAt,
          mitigatedAt: mitigated,
          resolvedAt: resolved,
          source,
          externalId: event.externalId,
          externalUrl: event.url,
          systems: { create: [{ systemId: mapped.system.id }] },
        },
      });
      const told = resolved ? [] : await tellSuspects(tx, incident);
      return {
        result: {
          outcome: "DONE",
          detail: `${key} recorded${told.length ? `; suspects ${told.join(", ")} told` : ""}`,
        },
        event: {
          action: "incident.recorded",
          subjectType: "incident",
          subjectId: incident.id,
          subjectLabel: `${key} ${incident.title}`,
          payload: { after: view(incident, [mapped.system.slug]) },
        },
      };
    }
    const slugs = existing.systems.map((s) => s.system.slug);
    const merged = { ...existing };
    if (event.type === "mitigated" || event.type === "resolved") {
      merged.mitigatedAt ??= event.occurredAt;
      merged.status = "MITIGATED";
    }
    if (event.type === "resolved") {
      merged.resolvedAt = event.occurredAt;
      merged.status = "RESOLVED";
    }
    const before = view(existing, slugs);
    const after = view(merged, slugs);
    if (JSON.stringify(before) === JSON.stringify(after))
      return {
        result: { outcome: "IGNORED", detail: `${existing.key}: nothing to change` },
        event: null,
      };
    const problems = timeProblems(merged, new Date());
    if (problems.length)
      return {
        result: {
          outcome: "IGNORED",
          detail: `${existing.key}: ${problems.map((p) => `${p.field} ${p.message}`).join("; ")}`,
        },
        event: null,
      };
    await tx.incident.update({
      where: { id: existing.id },
      data: {
        status: merged.status,
        mitigatedAt: merged.mitigatedAt,
        resolvedAt: merged.resolvedAt,
      },
    });
    return {
      result: { outcome: "DONE", detail: `${existing.key} ${merged.status.toLowerCase()}` },
      event: {
        action: "incident.updated",
        subjectType: "incident",
        subjectId: existing.id,
        subjectLabel: `${existing.key} ${existing.title}`,
        payload: { before, after },
      },
    };
  });
}
