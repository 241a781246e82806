// Every kind of audit event, as a zod discriminated union on `action`: an action that is not
// listed here cannot be written, and each action's payload has a fixed shape.
import { z } from "zod";

const json = z.json();
const beforeAfter = z.object({ before: json, after: json });

export const SUBJECT_TYPES = [
  "session",
  "system",
  "team",
  "user",
  "audit",
  "policy",
  "import",
  "change",
  "incident",
  "token",
] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export const auditEventSchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("auth.signed_in"),
    subjectType: z.literal("session"),
    payload: z.object({ provider: z.string() }),
  }),
  z.object({
    action: z.literal("auth.signed_out"),
    subjectType: z.literal("session"),
    payload: z.object({}),
  }),
  z.object({
    action: z.literal("system.updated"),
    subjectType: z.literal("system"),
    payload: beforeAfter,
  }),
  z.object({
    action: z.literal("team.updated"),
    subjectType: z.literal("team"),
    payload: beforeAfter,
  }),
  z.object({
    action: z.literal("change.draft_saved"),
    subjectType: z.literal("change"),
    payload: z.object({ title: z.string(), repository: z.string() }),
  }),
  z.object({
    action: z.literal("change.submitted"),
    subjectType: z.literal("change"),
    payload: z.object({
      title: z.string(),
      repository: z.string(),
      aiExtent: z.string(),
      riskFlags: z.array(z.string()),
      emergency: z.boolean(),
      systems: z.array(z.string()),
      requirements: z.array(
        z.object({
          system: z.string(),
          approvals: z.number(),
          minLevel: z.string(),
          principal: z.boolean(),
          state: z.string(),
        }),
      ),
      assigned: z.array(z.string()),
    }),
  }),
  z.object({
    action: z.literal("policy.window_saved"),
    subjectType: z.literal("policy"),
    payload: beforeAfter,
  }),
  z.object({
    action: z.literal("import.codeowners"),
    subjectType: z.literal("import"),
    payload: z.object({
      repository: z.string(),
      counts: z.record(z.string(), z.number().int()),
      unknownOwners: z.array(z.string()),
      problems: z.array(z.string()),
    }),
  }),
  z.object({
    action: z.literal("import.catalog"),
    subjectType: z.literal("import"),
    payload: z.object({
      counts: z.record(z.string(), z.number().int()),
      changes: z.array(z.string()),
    }),
  }),
  z.object({
    action: z.literal("demo.seeded"),
    subjectType: z.literal("import"),
    payload: z.object({ counts: z.record(z.string(), z.number().int()) }),
  }),
  z.object({
    action: z.literal("audit.exported"),
    subjectType: z.literal("audit"),
    payload: z.object({
      format: z.enum(["csv", "ndjson"]),
      via: z.enum(["cli", "ui"]),
      filters: z.record(z.string(), json),
    }),
  }),
]);

export type AuditEventBody = z.infer<typeof auditEventSchema>;
export type AuditAction = AuditEventBody["action"];
export const AUDIT_ACTIONS = auditEventSchema.options.map(
  (o) => o.shape.action.value,
) as AuditAction[];

export type ActorType = "USER" | "TOKEN" | "SYSTEM";

export interface AuditActor {
  type: ActorType;
  id: string | null;
  /** The display name at the time, kept even if the person or token is renamed or deleted. */
  name: string;
}

export type AuditEventInput = AuditEventBody & {
  subjectId?: string | null;
  subjectLabel?: string | null;
  changeKey?: string | null;
};

export const SYSTEM_ACTOR = (job: string): AuditActor => ({
  type: "SYSTEM",
  id: null,
  name: `system:${job}`,
});
