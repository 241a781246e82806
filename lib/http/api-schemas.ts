// Response shapes of the API, for the OpenAPI document (lib/http/openapi.ts). Request schemas live
// with their use cases; these describe what the handlers answer.
import { z } from "zod";
import { STATUSES } from "@/lib/domain/lifecycle/lifecycle";
import { changeSummarySchema, gateSchema } from "@/lib/server/changes/api";

export const statusSchema = z.object({ key: z.string(), status: z.enum(STATUSES) });

export const savedChangeSchema = statusSchema;

export const revisedSchema = z
  .object({ key: z.string(), status: z.enum(STATUSES), revision: z.number().int() })
  .loose();

export const changeDetailSchema = changeSummarySchema.extend({
  intent: z.string(),
  prUrl: z.string().nullable(),
  aiTools: z.array(z.string()),
  riskFlags: z.array(z.string()),
  submittedAt: z.string().nullable(),
  deployedAt: z.string().nullable(),
  currentRevision: z.object({
    number: z.number().int(),
    commit: z.string().nullable(),
    paths: z.number().int(),
    linesAdded: z.number().int(),
    linesRemoved: z.number().int(),
  }),
  requirements: z.array(
    z.object({
      system: z.string(),
      approvalsRequired: z.number().int(),
      minLevel: z.string(),
      principalRequired: z.boolean(),
      frozen: z.boolean(),
      progress: z.string(),
    }),
  ),
  reviewers: z.array(
    z.object({ handle: z.string(), name: z.string(), level: z.string(), state: z.string() }),
  ),
  reviews: z.array(
    z.object({
      reviewer: z.string(),
      revision: z.number().int(),
      decision: z.string(),
      at: z.string(),
    }),
  ),
  deployments: z.array(
    z.object({
      kind: z.string(),
      environment: z.string(),
      commit: z.string().nullable(),
      at: z.string(),
    }),
  ),
  gate: gateSchema,
});

export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  owner: z.object({ name: z.string(), email: z.string(), handle: z.string() }),
  scopes: z.array(z.string()),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  state: z.enum(["active", "expired", "revoked"]),
});

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: "Error" });
