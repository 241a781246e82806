// Webhook deliveries: received once (a redelivery of the same id changes nothing) and queued in
// the same transaction, then processed by the worker with retries: a code host's pull request is
// read through its API and brought in step (./pull-requests.ts); an incident tool's event records
// or updates the incident (lib/server/incidents/from-tools.ts). The delivery row is operational
// state, the integrations' delivery log; what a delivery changes is audited by the use case it
// runs. This module therefore opens its own transaction (docs/decisions/0013-integrations.md).
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueue, QUEUES } from "@/lib/jobs/boss";
import { AppError } from "@/lib/errors";
import {
  genericIncidentEvent,
  INCIDENT_SOURCES,
  pagerDutyEvent,
} from "@/lib/domain/integrations/incident-events";
import { systemActor } from "@/lib/domain/actor";
import { recordToolIncident } from "@/lib/server/incidents/from-tools";
import { connectionHost, loadConnection, type LoadedConnection } from "./connections";
import type { PullRequestRef } from "./hosts";
import { HOST_NAMES, syncPullRequest, type SyncResult } from "./pull-requests";

export interface Received {
  /** The delivery's row, or null when this delivery id was received before. */
  id: string | null;
}

export async function receiveDelivery(
  connection: LoadedConnection,
  deliveryId: string,
  event: string,
  payload: unknown,
): Promise<Received> {
  return db.$transaction(async (tx) => {
    const id = randomUUID();
    const { count } = await tx.webhookDelivery.createMany({
      data: [
        {
          id,
          integrationId: connection.id,
          deliveryId: deliveryId.slice(0, 200),
          event: event.slice(0, 100),
          payload: payload as Prisma.InputJsonValue,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 0) return { id: null };
    await enqueue(tx, QUEUES.integrationEvent, { deliveryId: id });
    return { id };
  });
}

const GITHUB_ACTIONS = new Set([
  "opened",
  "reopened",
  "ready_for_review",
  "synchronize",
  "edited",
  "closed",
  "converted_to_draft",
]);
const GITLAB_ACTIONS = new Set(["open", "reopen", "update", "close", "merge"]);

type Payload = Record<string, unknown> & {
  action?: string;
  number?: number;
  pull_request?: { number?: number };
  repository?: { full_name?: string };
  installation?: { id?: number };
  project?: { id?: number; path_with_namespace?: string };
  object_attributes?: { iid?: number; action?: string };
};

/** The pull request a code host's event is about, or why there is nothing to do. */
export function pullRequestOf(
  kind: "GITHUB" | "GITLAB",
  event: string,
  payload: Payload,
): PullRequestRef | { ignored: string } {
  if (kind === "GITHUB") {
    // Stored as "pull_request.synchronize": the event, then the action (the payload has it too).
    event = event.split(".")[0]!;
    if (event === "ping") return { ignored: "ping: the connection works" };
    if (event !== "pull_request") return { ignored: `${event} events change nothing here` };
    if (!GITHUB_ACTIONS.has(payload.action ?? ""))
      return { ignored: `pull_request.${payload.action} changes nothing here` };
    const repository = payload.repository?.full_name;
    const number = payload.pull_request?.number ?? payload.number;
    if (!repository || !number) return { ignored: "no repository or pull request number" };
    const installation = payload.installation?.id;
    return {
      repository,
      number,
      ...(installation ? { installationId: String(installation) } : {}),
    };
  }
  if (event !== "Merge Request Hook") return { ignored: `${event} events change nothing here` };
  const action = payload.object_attributes?.action ?? "";
  if (!GITLAB_ACTIONS.has(action))
    return { ignored: `merge request ${action} changes nothing here` };
  const repository = payload.project?.path_with_namespace;
  const number = payload.object_attributes?.iid;
  if (!repository || !number) return { ignored: "no project or merge request iid" };
  return { repository, projectId: payload.project?.id ? String(payload.project.id) : null, number };
}

async function settle(id: string, outcome: string, detail: string) {
  await db.$queryRaw`UPDATE "WebhookDelivery" SET outcome = ${outcome}, detail = ${detail.slice(0, 1000)}
                      WHERE id = ${id} RETURNING id`;
}

/**
 * The worker's job: process one delivery. An expected refusal (the lifecycle, a validation) is
 * final and logged on the delivery; anything else (the host down) throws, and the queue retries.
 */
export async function processDelivery(id: string): Promise<SyncResult> {
  const delivery = await db.webhookDelivery.findUnique({
    where: { id },
    select: { id: true, integrationId: true, event: true, payload: true },
  });
  if (!delivery) return { outcome: "IGNORED", detail: "the delivery is gone" };
  const connection = await loadConnection(delivery.integrationId);
  let result: SyncResult;
  try {
    if (!connection?.active) result = { outcome: "IGNORED", detail: "the connection is paused" };
    else result = await run(connection, delivery.event, delivery.payload as Payload);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof AppError) {
      await settle(id, "FAILED", message);
      return { outcome: "IGNORED", detail: message };
    }
    await settle(id, "FAILED", `${message} (retrying)`);
    throw error;
  }
  await settle(id, result.outcome, result.detail);
  return result;
}

async function run(
  connection: LoadedConnection,
  event: string,
  payload: Payload,
): Promise<SyncResult> {
  switch (connection.kind) {
    case "GITHUB":
    case "GITLAB": {
      const ref = pullRequestOf(connection.kind, event, payload);
      if ("ignored" in ref) return { outcome: "IGNORED", detail: ref.ignored };
      return syncPullRequest(
        systemActor(
          `${HOST_NAMES[connection.kind]} "${connection.name}" (${ref.repository}#${ref.number})`,
        ),
        { id: connection.id, kind: connection.kind, name: connection.name },
        connectionHost(connection, ref.installationId),
        ref,
      );
    }
    case "PAGERDUTY":
    case "INCIDENT_WEBHOOK": {
      const parsed =
        connection.kind === "PAGERDUTY" ? pagerDutyEvent(payload) : genericIncidentEvent(payload);
      if ("ignored" in parsed) return { outcome: "IGNORED", detail: parsed.ignored };
      return recordToolIncident(
        systemActor(`${INCIDENT_SOURCES[connection.kind].name} "${connection.name}"`),
        { id: connection.id, kind: connection.kind, name: connection.name },
        parsed,
      );
    }
  }
}
