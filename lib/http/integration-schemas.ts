// The integrations' API answers (admin only): connections without their secrets, and deliveries.
import { z } from "zod";

export const deliverySchema = z.object({
  id: z.string(),
  deliveryId: z.string(),
  event: z.string(),
  receivedAt: z.string(),
  outcome: z.enum(["RECEIVED", "DONE", "IGNORED", "FAILED"]).or(z.string()),
  detail: z.string(),
});

export const connectionSchema = z.object({
  id: z.string(),
  kind: z.enum(["GITHUB", "GITLAB", "PAGERDUTY", "INCIDENT_WEBHOOK"]),
  name: z.string(),
  baseUrl: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  repositories: z.array(z.object({ externalName: z.string(), repository: z.string() })),
  services: z.array(z.object({ externalId: z.string(), name: z.string(), system: z.string() })),
  deliveries: z.array(deliverySchema),
});

export const idSchema = z.object({ id: z.string() });

export const endpointSchema = z.object({
  id: z.string(),
  kind: z.enum(["SLACK", "WEBHOOK"]),
  name: z.string(),
  team: z.string().nullable(),
  events: z.array(z.string()),
  active: z.boolean(),
  deliveries: z.array(
    z.object({
      id: z.string(),
      event: z.string(),
      createdAt: z.string(),
      status: z.string(),
      attempts: z.number().int(),
      responseStatus: z.number().int().nullable(),
      detail: z.string(),
    }),
  ),
});
