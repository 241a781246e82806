// The connections admins keep in /admin/integrations: a GitHub or GitLab connection (API base URL,
// webhook secret, API token), a PagerDuty or generic incident webhook (its signing secret), the
// repositories and services each serves. Secrets are sealed (./secrets.ts) and never shown again.
// Each change is one audited transaction.
import { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { can } from "@/lib/authz/can";
import type { PersonActor } from "@/lib/domain/actor";
import { AppError, forbidden, notFound, validationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { mutate } from "@/lib/server/audit/mutate";
import { enqueue, QUEUES } from "@/lib/jobs/boss";
import { github } from "./github";
import { gitlab } from "./gitlab";
import type { CodeHost } from "./hosts";
import { decryptSecret, encryptSecret } from "./secrets";

export const CONNECTION_KINDS = ["GITHUB", "GITLAB", "PAGERDUTY", "INCIDENT_WEBHOOK"] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

export const DEFAULT_BASE_URLS: Partial<Record<ConnectionKind, string>> = {
  GITHUB: "https://api.github.com",
  GITLAB: "https://gitlab.com",
};

const name = z
  .string()
  .trim()
  .min(1, "give the connection a name")
  .max(100, "at most 100 characters");
const baseUrl = z
  .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
  .max(500, "at most 500 characters");
const secret = z
  .string()
  .min(16, "must be at least 16 characters (a random string; the sender signs with it)")
  .max(500, "at most 500 characters");
const token = z.string().trim().min(1, "is required").max(10_000, "at most 10,000 characters");
const PEM = /^-----BEGIN (?:RSA )?PRIVATE KEY-----[\s\S]+-----END (?:RSA )?PRIVATE KEY-----$/;

export const createConnectionSchema = z
  .object({
    kind: z.enum(CONNECTION_KINDS, `must be one of ${CONNECTION_KINDS.join(", ")}`),
    name,
    baseUrl: baseUrl.optional(),
    secret,
    token: token.optional(),
    /** A GitHub App's id: then `token` is the App's private key (PEM). */
    appId: z
      .string()
      .trim()
      .regex(/^\d{1,20}$/, "must be the GitHub App's numeric id")
      .optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.appId && c.kind !== "GITHUB")
      ctx.addIssue({
        code: "custom",
        path: ["appId"],
        message: "only a GitHub connection is an App",
      });
    if (c.appId && c.token && !PEM.test(c.token))
      ctx.addIssue({
        code: "custom",
        path: ["token"],
        message: "must be the GitHub App's private key (-----BEGIN … PRIVATE KEY-----)",
      });
    if ((c.kind === "GITHUB" || c.kind === "GITLAB") && !c.token)
      ctx.addIssue({
        code: "custom",
        path: ["token"],
        message:
          "is required: the API token Countersign reads pull requests and posts statuses with",
      });
  });

export const updateConnectionSchema = z
  .object({
    name: name.optional(),
    baseUrl: baseUrl.optional(),
    secret: secret.optional(),
    token: token.optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const repositoryMappingSchema = z
  .object({
    externalName: z
      .string()
      .trim()
      .regex(/^[\w.-]+(\/[\w.-]+)+$/, "must be the repository's name on the host: owner/name")
      .max(300),
    repository: z.string().trim().min(1, "is required").max(200),
  })
  .strict();

export const serviceMappingSchema = z
  .object({
    externalId: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9_-]{1,64}$/,
        "must be the service's id in the incident tool (e.g. PABC123)",
      ),
    name: z.string().trim().max(200).default(""),
    system: z.string().trim().min(1, "is required").max(100),
  })
  .strict();

export interface LoadedConnection {
  id: string;
  kind: ConnectionKind;
  name: string;
  baseUrl: string | null;
  secret: string;
  token: string | null;
  appId: string | null;
  active: boolean;
}

const CONNECTION_COLUMNS = {
  id: true,
  kind: true,
  name: true,
  baseUrl: true,
  secret: true,
  token: true,
  appId: true,
  active: true,
} as const;

export async function loadConnection(id: string): Promise<LoadedConnection | null> {
  return db.integration.findUnique({
    where: { id },
    select: CONNECTION_COLUMNS,
  });
}

/** The active connections of a kind (a webhook is matched to one by its secret). */
export async function connectionsOf(kind: ConnectionKind): Promise<LoadedConnection[]> {
  return db.integration.findMany({
    where: { kind, active: true },
    select: CONNECTION_COLUMNS,
    orderBy: { createdAt: "asc" },
  });
}

export function connectionHost(
  connection: LoadedConnection,
  installationId?: string | null,
): CodeHost {
  const base = connection.baseUrl ?? DEFAULT_BASE_URLS[connection.kind];
  const apiToken = connection.token ? decryptSecret(connection.token) : "";
  if (connection.kind === "GITHUB" && connection.appId) {
    if (!installationId)
      throw new AppError(
        "CONFLICT",
        "This connection is a GitHub App, and the delivery names no installation: install the App on the repository.",
      );
    return github(base!, { appId: connection.appId, privateKey: apiToken, installationId });
  }
  if (connection.kind === "GITHUB") return github(base!, { token: apiToken });
  if (connection.kind === "GITLAB") return gitlab(base!, apiToken);
  throw new Error(`${connection.kind} is not a code host`);
}

function assertAdmin(actor: PersonActor) {
  if (!can(actor, "integrations:edit")) throw forbidden();
}

async function taken(nameValue: string, exceptId?: string) {
  const other = await db.integration.findUnique({
    where: { name: nameValue },
    select: { id: true },
  });
  if (other && other.id !== exceptId)
    throw validationError([{ field: "name", message: "another connection has this name" }]);
}

export async function createConnection(actor: PersonActor, raw: unknown) {
  assertAdmin(actor);
  const input = parseInput(createConnectionSchema, raw);
  await taken(input.name);
  return mutate(actor, async (tx) => {
    const row = await tx.integration.create({
      data: {
        kind: input.kind,
        name: input.name,
        baseUrl: input.baseUrl ?? DEFAULT_BASE_URLS[input.kind] ?? null,
        secret: encryptSecret(input.secret),
        token: input.token ? encryptSecret(input.token) : null,
        appId: input.appId ?? null,
      },
      select: { id: true, kind: true, name: true, baseUrl: true },
    });
    return {
      result: { id: row.id },
      event: {
        action: "integration.created",
        subjectType: "integration",
        subjectId: row.id,
        subjectLabel: row.name,
        payload: {
          kind: row.kind,
          name: row.name,
          baseUrl: row.baseUrl,
          token: Boolean(input.token),
        },
      },
    };
  });
}

export async function updateConnection(actor: PersonActor, id: string, raw: unknown) {
  assertAdmin(actor);
  const input = parseInput(updateConnectionSchema, raw);
  if (input.name) await taken(input.name, id);
  return mutate(actor, async (tx) => {
    const before = await tx.integration.findUnique({
      where: { id },
      select: { id: true, name: true, baseUrl: true, active: true },
    });
    if (!before) throw notFound("No such connection.");
    const after = await tx.integration.update({
      where: { id },
      data: {
        name: input.name,
        baseUrl: input.baseUrl,
        active: input.active,
        secret: input.secret ? encryptSecret(input.secret) : undefined,
        token: input.token ? encryptSecret(input.token) : undefined,
      },
      select: { name: true, baseUrl: true, active: true },
    });
    return {
      result: { id },
      event: {
        action: "integration.updated",
        subjectType: "integration",
        subjectId: id,
        subjectLabel: after.name,
        payload: {
          before: { name: before.name, baseUrl: before.baseUrl, active: before.active },
          after,
          replaced: [input.secret && "secret", input.token && "token"].filter((x): x is string =>
            Boolean(x),
          ),
        },
      },
    };
  });
}

/** The connection a mapping is for (404 when there is none), refused when of another kind. */
async function connectionOf(
  tx: Tx,
  id: string,
  kinds: ConnectionKind[],
  otherwise: { field: string; message: string },
) {
  const connection = await tx.integration.findUnique({
    where: { id },
    select: { kind: true, name: true },
  });
  if (!connection) throw notFound("No such connection.");
  if (!kinds.includes(connection.kind)) throw validationError([otherwise]);
  return connection;
}

export async function mapRepository(actor: PersonActor, id: string, raw: unknown) {
  assertAdmin(actor);
  const input = parseInput(repositoryMappingSchema, raw);
  return mutate(actor, async (tx) => {
    const connection = await connectionOf(tx, id, ["GITHUB", "GITLAB"], {
      field: "externalName",
      message: "only a code host serves repositories",
    });
    const repository = await tx.repository.findUnique({
      where: { name: input.repository },
      select: { id: true },
    });
    if (!repository)
      throw validationError([
        { field: "repository", message: `no repository "${input.repository}" in Countersign` },
      ]);
    await tx.integrationRepository.upsert({
      where: {
        integrationId_externalName: { integrationId: id, externalName: input.externalName },
      },
      update: { repositoryId: repository.id },
      create: { integrationId: id, externalName: input.externalName, repositoryId: repository.id },
    });
    return {
      result: { id },
      event: {
        action: "integration.repository_mapped",
        subjectType: "integration",
        subjectId: id,
        subjectLabel: connection.name,
        payload: { externalName: input.externalName, repository: input.repository },
      },
    };
  });
}

export async function mapService(actor: PersonActor, id: string, raw: unknown) {
  assertAdmin(actor);
  const input = parseInput(serviceMappingSchema, raw);
  return mutate(actor, async (tx) => {
    const connection = await connectionOf(tx, id, ["PAGERDUTY", "INCIDENT_WEBHOOK"], {
      field: "externalId",
      message: "only an incident tool has services",
    });
    const system = await tx.system.findUnique({
      where: { slug: input.system },
      select: { id: true },
    });
    if (!system)
      throw validationError([{ field: "system", message: `no system "${input.system}"` }]);
    await tx.integrationService.upsert({
      where: { integrationId_externalId: { integrationId: id, externalId: input.externalId } },
      update: { systemId: system.id, name: input.name },
      create: {
        integrationId: id,
        externalId: input.externalId,
        name: input.name,
        systemId: system.id,
      },
    });
    return {
      result: { id },
      event: {
        action: "integration.service_mapped",
        subjectType: "integration",
        subjectId: id,
        subjectLabel: connection.name,
        payload: { externalId: input.externalId, name: input.name, system: input.system },
      },
    };
  });
}

/** Queues a delivery again (the admin's "redeliver"): processed as if it had just come. */
export async function redeliver(actor: PersonActor, id: string) {
  assertAdmin(actor);
  return mutate(actor, async (tx) => {
    const delivery = await tx.webhookDelivery.findUnique({
      where: { id },
      select: { deliveryId: true, event: true, integration: { select: { id: true, name: true } } },
    });
    if (!delivery) throw notFound("No such delivery.");
    await tx.webhookDelivery.update({
      where: { id },
      data: { outcome: "RECEIVED", detail: "queued again" },
    });
    await enqueue(tx, QUEUES.integrationEvent, { deliveryId: id });
    return {
      result: { id },
      event: {
        action: "integration.redelivered",
        subjectType: "integration",
        subjectId: delivery.integration.id,
        subjectLabel: delivery.integration.name,
        payload: { deliveryId: delivery.deliveryId, event: delivery.event },
      },
    };
  });
}

/** What /admin/integrations shows: the connections, what they serve, the latest deliveries. */
export async function listConnections(actor: PersonActor) {
  assertAdmin(actor);
  const rows = await db.integration.findMany({
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      kind: true,
      name: true,
      baseUrl: true,
      active: true,
      createdAt: true,
      repositories: {
        select: { externalName: true, repository: { select: { name: true } } },
        orderBy: { externalName: "asc" },
      },
      services: {
        select: { externalId: true, name: true, system: { select: { slug: true } } },
        orderBy: { externalId: "asc" },
      },
      deliveries: {
        orderBy: { receivedAt: "desc" },
        take: 20,
        select: {
          id: true,
          deliveryId: true,
          event: true,
          receivedAt: true,
          outcome: true,
          detail: true,
        },
      },
    },
  });
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    repositories: r.repositories.map((m) => ({
      externalName: m.externalName,
      repository: m.repository.name,
    })),
    services: r.services.map((s) => ({
      externalId: s.externalId,
      name: s.name,
      system: s.system.slug,
    })),
    deliveries: r.deliveries.map((d) => ({ ...d, receivedAt: d.receivedAt.toISOString() })),
  }));
}
export type ConnectionView = Awaited<ReturnType<typeof listConnections>>[number];
