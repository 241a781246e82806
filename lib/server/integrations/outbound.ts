// Telling others (docs/decisions/0013-integrations.md): a team's Slack channel gets its people's
// notifications as Block Kit messages, and generic webhooks get audit events, signed like
// GitHub's (X-Countersign-Signature-256: sha256=<hex HMAC-SHA256 of the body>). Each message is an
// OutboundDelivery row queued with its job in the transaction that caused it; the worker POSTs it
// with retries, and admins see each endpoint's deliveries and redeliver them.
import { createHmac } from "node:crypto";
import { z } from "zod";
import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/authz/can";
import type { PersonActor } from "@/lib/domain/actor";
import { AUDIT_ACTIONS } from "@/lib/domain/audit/events";
import { isSlackKind, slackMessage } from "@/lib/domain/integrations/slack-message";
import { forbidden, notFound, validationError } from "@/lib/errors";
import { enqueue, QUEUES } from "@/lib/jobs/boss";
import { mailConfig } from "@/lib/mail/config";
import { parseInput } from "@/lib/validation";
import { mutate } from "@/lib/server/audit/mutate";
import { decryptSecret, encryptSecret } from "./secrets";

/** After this many attempts a delivery that still fails is given up (the queue stops too). */
export const MAX_ATTEMPTS = 10;

async function queue(tx: Tx, endpointId: string, event: string, payload: object) {
  const row = await tx.outboundDelivery.create({
    data: { endpointId, event, payload: payload as Prisma.InputJsonValue },
    select: { id: true },
  });
  await enqueue(tx, QUEUES.outbound, { deliveryId: row.id });
}

export interface OutboundEvent {
  seq: number;
  at: Date;
  action: string;
  actorName: string;
  subjectType: string;
  subjectId: string | null;
  subjectLabel: string | null;
  changeKey: string | null;
  payload: unknown;
}

/** The webhooks subscribed to the event's action (found by ./outbox.ts) get it. */
export async function queueEventWebhooks(
  tx: Tx,
  endpointIds: string[],
  event: OutboundEvent,
): Promise<void> {
  for (const endpointId of endpointIds)
    await queue(tx, endpointId, event.action, {
      event: event.action,
      seq: event.seq,
      at: event.at.toISOString(),
      actor: event.actorName,
      subject: { type: event.subjectType, id: event.subjectId, label: event.subjectLabel },
      changeKey: event.changeKey,
      payload: event.payload,
    });
}

/** A notification for people of a team with a Slack channel: one message per channel. */
export async function queueSlack(
  tx: Tx,
  recipients: string[],
  n: { kind: string; title: string; body: string; link: string },
): Promise<void> {
  if (!isSlackKind(n.kind) || recipients.length === 0) return;
  const endpoints = await tx.outboundEndpoint.findMany({
    where: {
      kind: "SLACK",
      active: true,
      team: { members: { some: { userId: { in: recipients } } } },
    },
    select: {
      id: true,
      team: {
        select: {
          members: {
            where: { userId: { in: recipients } },
            select: { user: { select: { handle: true } } },
          },
        },
      },
    },
  });
  const { publicUrl } = mailConfig();
  for (const endpoint of endpoints) {
    const handles = endpoint.team!.members.map((m) => `@${m.user.handle}`).join(", ");
    await queue(
      tx,
      endpoint.id,
      n.kind,
      slackMessage({
        kind: n.kind,
        title: n.title,
        body: n.body,
        url: `${publicUrl}${n.link}`,
        for: handles,
      }),
    );
  }
}

export const signature = (secret: string, body: string) =>
  `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;

/** The delivery log is operational state: one attempt more, and what became of it. */
async function settle(
  id: string,
  data: { status: string; responseStatus: number | null; detail: string; deliveredAt?: Date },
) {
  await db.$queryRaw`UPDATE "OutboundDelivery"
       SET status = ${data.status}, attempts = attempts + 1, "responseStatus" = ${data.responseStatus},
           detail = ${data.detail.slice(0, 1000)}, "deliveredAt" = ${data.deliveredAt ?? null}
     WHERE id = ${id} RETURNING id`;
}

/** The worker's job: POST one delivery. Throws (the queue retries) while the receiver fails. */
export async function deliverOutbound(id: string): Promise<string> {
  const delivery = await db.outboundDelivery.findUnique({
    where: { id },
    select: {
      id: true,
      event: true,
      payload: true,
      attempts: true,
      endpoint: { select: { kind: true, url: true, secret: true, active: true } },
    },
  });
  if (!delivery) return "gone";
  if (!delivery.endpoint.active) return "paused";
  const body = JSON.stringify(delivery.payload);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "Countersign-Webhooks/1",
  };
  if (delivery.endpoint.kind === "WEBHOOK") {
    headers["x-countersign-event"] = delivery.event;
    headers["x-countersign-delivery"] = delivery.id;
    if (delivery.endpoint.secret)
      headers["x-countersign-signature-256"] = signature(
        decryptSecret(delivery.endpoint.secret),
        body,
      );
  }
  const last = delivery.attempts + 1 >= MAX_ATTEMPTS;
  let response: Response;
  try {
    response = await fetch(decryptSecret(delivery.endpoint.url), {
      method: "POST",
      headers,
      body,
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    const detail = `not delivered: ${(error as Error).message}`;
    await settle(id, { status: last ? "FAILED" : "PENDING", detail, responseStatus: null });
    if (last) return detail;
    throw error;
  }
  if (response.ok) {
    await settle(id, {
      status: "DELIVERED",
      responseStatus: response.status,
      detail: "",
      deliveredAt: new Date(),
    });
    return "delivered";
  }
  const detail = `${response.status} ${(await response.text().catch(() => "")).slice(0, 200)}`;
  // A 4xx other than 408 and 429 will not get better by retrying.
  const final =
    last || (response.status < 500 && response.status !== 408 && response.status !== 429);
  await settle(id, {
    status: final ? "FAILED" : "PENDING",
    responseStatus: response.status,
    detail,
  });
  if (final) return detail;
  throw new Error(`the receiver answered ${detail}`);
}

// ---- the endpoints, kept by admins ----------------------------------------------------------

export const createEndpointSchema = z
  .object({
    kind: z.enum(["SLACK", "WEBHOOK"], "must be SLACK or WEBHOOK"),
    name: z.string().trim().min(1, "give the endpoint a name").max(100, "at most 100 characters"),
    url: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).max(2000),
    /** WEBHOOK: the signing secret (the receiver checks X-Countersign-Signature-256). */
    secret: z.string().min(16, "must be at least 16 characters").max(500).optional(),
    /** SLACK: the team (slug) whose people's notifications are posted. */
    team: z.string().trim().max(100).optional(),
    /** WEBHOOK: the audit event actions to send; none for every event. */
    events: z
      .array(z.enum(AUDIT_ACTIONS as [string, ...string[]], "is not an event Countersign records"))
      .max(100)
      .default([]),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.kind === "SLACK" && !e.team)
      ctx.addIssue({
        code: "custom",
        path: ["team"],
        message: "is required: whose notifications?",
      });
    if (e.kind === "WEBHOOK" && !e.secret)
      ctx.addIssue({
        code: "custom",
        path: ["secret"],
        message: "is required: receivers check the signature",
      });
  });

export async function createEndpoint(actor: PersonActor, raw: unknown) {
  if (!can(actor, "integrations:edit")) throw forbidden();
  const input = parseInput(createEndpointSchema, raw);
  return mutate(actor, async (tx) => {
    if (await tx.outboundEndpoint.findUnique({ where: { name: input.name }, select: { id: true } }))
      throw validationError([{ field: "name", message: "another endpoint has this name" }]);
    const team =
      input.kind === "SLACK"
        ? await tx.team.findUnique({ where: { slug: input.team! }, select: { id: true } })
        : null;
    if (input.kind === "SLACK" && !team)
      throw validationError([{ field: "team", message: `no team "${input.team}"` }]);
    const row = await tx.outboundEndpoint.create({
      data: {
        kind: input.kind,
        name: input.name,
        url: encryptSecret(input.url),
        secret: input.secret ? encryptSecret(input.secret) : null,
        teamId: team?.id ?? null,
        events: input.kind === "WEBHOOK" ? input.events : [],
      },
      select: { id: true },
    });
    return {
      result: { id: row.id },
      event: {
        action: "integration.endpoint_created",
        subjectType: "integration",
        subjectId: row.id,
        subjectLabel: input.name,
        payload: { kind: input.kind, team: input.team ?? null, events: input.events },
      },
    };
  });
}

export async function redeliverOutbound(actor: PersonActor, id: string) {
  if (!can(actor, "integrations:edit")) throw forbidden();
  return mutate(actor, async (tx) => {
    const delivery = await tx.outboundDelivery.findUnique({
      where: { id },
      select: { event: true, endpoint: { select: { id: true, name: true } } },
    });
    if (!delivery) throw notFound("No such delivery.");
    await tx.outboundDelivery.update({
      where: { id },
      data: { status: "PENDING", attempts: 0, detail: "queued again" },
    });
    await enqueue(tx, QUEUES.outbound, { deliveryId: id });
    return {
      result: { id },
      event: {
        action: "integration.redelivered",
        subjectType: "integration",
        subjectId: delivery.endpoint.id,
        subjectLabel: delivery.endpoint.name,
        payload: { deliveryId: id, event: delivery.event },
      },
    };
  });
}

export async function listEndpoints(actor: PersonActor) {
  if (!can(actor, "integrations:edit")) throw forbidden();
  const rows = await db.outboundEndpoint.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      kind: true,
      name: true,
      events: true,
      active: true,
      team: { select: { slug: true } },
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: 20,
        select: {
          id: true,
          event: true,
          createdAt: true,
          status: true,
          attempts: true,
          responseStatus: true,
          detail: true,
        },
      },
    },
  });
  return rows.map((r) => ({
    ...r,
    team: r.team?.slug ?? null,
    deliveries: r.deliveries.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
  }));
}
export type EndpointView = Awaited<ReturnType<typeof listEndpoints>>[number];
