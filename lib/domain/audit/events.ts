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
  "metrics",
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
    action: z.literal("review.submitted"),
    subjectType: z.literal("change"),
    payload: z.object({
      revision: z.number().int(),
      decision: z.enum(["APPROVE", "REQUEST_CHANGES", "REJECT"]),
      status: z.string(),
      possibleRubberStamp: z.boolean(),
      rubberStampReasons: z.array(z.string()),
      secondsSpent: z.number(),
      filesViewed: z.number().int(),
      linesChanged: z.number().int().optional(),
      /** A request for changes: the open threads it points at. */
      threads: z.array(z.string()).optional(),
      /** The approval was sampled for a second look, and why. */
      secondLook: z.string().optional(),
    }),
  }),
  z.object({
    action: z.literal("comment.added"),
    subjectType: z.literal("change"),
    payload: z.object({
      threadId: z.string(),
      commentId: z.string(),
      revision: z.number().int(),
      reply: z.boolean().optional(),
      path: z.string().optional(),
      side: z.enum(["OLD", "NEW"]).optional(),
      startLine: z.number().int().optional(),
      endLine: z.number().int().optional(),
      body: z.string(),
      mentions: z.array(z.string()),
    }),
  }),
  z.object({
    action: z.literal("thread.resolved"),
    subjectType: z.literal("change"),
    payload: z.object({ threadId: z.string() }),
  }),
  z.object({
    action: z.literal("thread.reopened"),
    subjectType: z.literal("change"),
    payload: z.object({ threadId: z.string() }),
  }),
  z.object({
    action: z.literal("transcript.attached"),
    subjectType: z.literal("change"),
    payload: z.object({
      id: z.string(),
      fileName: z.string(),
      format: z.string(),
      source: z.string(),
      messages: z.number().int(),
      secretsMasked: z.number().int(),
      bytes: z.number().int(),
    }),
  }),
  z.object({
    action: z.literal("second_look.assigned"),
    subjectType: z.literal("change"),
    payload: z.object({ revision: z.number().int(), reason: z.string(), reviewer: z.string() }),
  }),
  z.object({
    action: z.literal("second_look.decided"),
    subjectType: z.literal("change"),
    payload: z.object({
      revision: z.number().int(),
      verdict: z.enum(["AGREE", "CONCERN"]),
      comment: z.string(),
    }),
  }),
  z.object({
    action: z.literal("review.file_viewed"),
    subjectType: z.literal("change"),
    payload: z.object({ revision: z.number().int(), path: z.string(), viewed: z.boolean() }),
  }),
  z.object({
    action: z.literal("review.opened"),
    subjectType: z.literal("change"),
    payload: z.object({ revision: z.number().int() }),
  }),
  z.object({
    action: z.literal("notifications.settings_saved"),
    subjectType: z.literal("user"),
    payload: beforeAfter,
  }),
  z.object({
    action: z.literal("notifications.read"),
    subjectType: z.literal("user"),
    payload: z.object({ count: z.number().int() }),
  }),
  z.object({
    action: z.literal("change.withdrawn"),
    subjectType: z.literal("change"),
    payload: z.object({ from: z.string(), reason: z.string().optional() }),
  }),
  z.object({
    action: z.literal("change.described"),
    subjectType: z.literal("change"),
    payload: z.object({ before: json, after: json }),
  }),
  z.object({
    action: z.literal("change.revised"),
    subjectType: z.literal("change"),
    payload: z.object({
      revision: z.number().int(),
      from: z.string(),
      dismissedApprovals: z.number().int(),
      systems: z.array(z.string()),
      assigned: z.array(z.string()),
      kept: z.array(z.string()),
      /** The author's note: what changed since the last review. */
      note: z.string().optional(),
      /** When the revision came with a new AI disclosure (a pull request's edited description). */
      aiExtent: z.object({ from: z.string(), to: z.string() }).optional(),
    }),
  }),
  z.object({
    action: z.literal("change.deployed"),
    subjectType: z.literal("change"),
    payload: z.object({
      emergency: z.boolean(),
      retrospectiveDueAt: z.string().nullable(),
      environment: z.string().optional(),
      commit: z.string().nullable().optional(),
      at: z.string().optional(),
    }),
  }),
  z.object({
    action: z.literal("change.deployment_recorded"),
    subjectType: z.literal("change"),
    payload: z.object({
      kind: z.enum(["DEPLOYED", "ROLLED_BACK"]),
      environment: z.string(),
      commit: z.string().nullable(),
      at: z.string(),
    }),
  }),
  z.object({
    action: z.literal("change.rolled_back"),
    subjectType: z.literal("change"),
    payload: z.object({
      reason: z.string(),
      environment: z.string().optional(),
      commit: z.string().nullable().optional(),
      at: z.string().optional(),
    }),
  }),
  z.object({
    action: z.literal("change.sla_breached"),
    subjectType: z.literal("change"),
    payload: z.object({
      dueAt: z.string(),
      reassignedFrom: z.array(z.string()),
      assigned: z.array(z.string()),
      notified: z.array(z.string()),
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
    action: z.literal("metrics.rebuilt"),
    subjectType: z.literal("metrics"),
    payload: z.object({
      changes: z.number().int(),
      reviews: z.number().int(),
      /** Rows that differed from a fresh computation before the rebuild, per table. */
      differing: z.record(z.string(), z.number().int()),
    }),
  }),
  z.object({
    action: z.literal("demo.seeded"),
    subjectType: z.literal("import"),
    payload: z.object({ counts: z.record(z.string(), z.number().int()) }),
  }),
  z.object({
    action: z.literal("incident.recorded"),
    subjectType: z.literal("incident"),
    payload: z.object({ after: json }),
  }),
  z.object({
    action: z.literal("incident.updated"),
    subjectType: z.literal("incident"),
    payload: beforeAfter,
  }),
  z.object({
    action: z.literal("incident.note_added"),
    subjectType: z.literal("incident"),
    payload: z.object({ at: z.string(), text: z.string() }),
  }),
  z.object({
    action: z.literal("incident.change_linked"),
    subjectType: z.literal("incident"),
    payload: z.object({
      change: z.string(),
      kind: z.enum(["CAUSE", "CONTRIBUTING", "SUSPECT"]),
      previousKind: z.enum(["CAUSE", "CONTRIBUTING", "SUSPECT"]).nullable(),
    }),
  }),
  z.object({
    action: z.literal("incident.change_unlinked"),
    subjectType: z.literal("incident"),
    payload: z.object({ change: z.string(), kind: z.enum(["CAUSE", "CONTRIBUTING", "SUSPECT"]) }),
  }),
  z.object({
    action: z.literal("token.created"),
    subjectType: z.literal("token"),
    payload: z.object({
      name: z.string(),
      owner: z.string(),
      scopes: z.array(z.string()),
      expiresAt: z.string().nullable(),
    }),
  }),
  z.object({
    action: z.literal("token.revoked"),
    subjectType: z.literal("token"),
    payload: z.object({ name: z.string(), owner: z.string() }),
  }),
  z.object({
    action: z.literal("integration.created"),
    subjectType: z.literal("integration"),
    payload: z.object({
      kind: z.string(),
      name: z.string(),
      baseUrl: z.string().nullable(),
      token: z.boolean(),
      appId: z.string().optional(),
    }),
  }),
  z.object({
    action: z.literal("integration.updated"),
    subjectType: z.literal("integration"),
    payload: z.object({ before: json, after: json, replaced: z.array(z.string()) }),
  }),
  z.object({
    action: z.literal("integration.repository_mapped"),
    subjectType: z.literal("integration"),
    payload: z.object({ externalName: z.string(), repository: z.string() }),
  }),
  z.object({
    action: z.literal("integration.service_mapped"),
    subjectType: z.literal("integration"),
    payload: z.object({ externalId: z.string(), name: z.string(), system: z.string() }),
  }),
  z.object({
    action: z.literal("integration.endpoint_created"),
    subjectType: z.literal("integration"),
    payload: z.object({
      kind: z.string(),
      team: z.string().nullable(),
      events: z.array(z.string()),
    }),
  }),
  z.object({
    action: z.literal("integration.redelivered"),
    subjectType: z.literal("integration"),
    payload: z.object({ deliveryId: z.string(), event: z.string() }),
  }),
  z.object({
    action: z.literal("audit.exported"),
    subjectType: z.literal("audit"),
    payload: z.object({
      format: z.enum(["csv", "ndjson"]),
      via: z.enum(["cli", "ui", "api"]),
      filters: z.record(z.string(), json),
    }),
  }),
]);

export type AuditEventBody = z.infer<typeof auditEventSchema>;
export type AuditAction = AuditEventBody["action"];
export const AUDIT_ACTIONS = auditEventSchema.options.map(
  (o) => o.shape.action.value,
) as AuditAction[];

/**
 * Audited actions that change nothing a shared read shows (lib/server/shared-read.ts), and happen
 * all day: signing in and out, opening a change to review it, marking files viewed and
 * notifications read. Every other action may move a figure or a list and ends the shared reads.
 */
export const ACTIONS_CHANGING_NOTHING_SHARED = [
  "auth.signed_in",
  "auth.signed_out",
  "review.opened",
  "review.file_viewed",
  "notifications.read",
  "notifications.settings_saved",
] as const satisfies readonly AuditAction[];

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
