// What a person may send to record or edit an incident. Times are checked against each other by
// the domain rule (timeProblems) once the edit is merged onto what is stored.
import { z } from "zod";
import { INCIDENT_STATUSES, LINK_KINDS, SEVERITIES } from "@/lib/domain/incidents/incident";
import { dateTime } from "@/lib/validation";

const count = z
  .number({ message: "must be a whole number" })
  .int("must be a whole number")
  .min(0, "must not be negative")
  .max(2_000_000_000, "is too large")
  .nullable();

const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9-]{1,64}$/, "must be a system slug");

export const incidentFields = {
  title: z
    .string({ message: "is required" })
    .trim()
    .min(5, "must be at least 5 characters")
    .max(200, "must be at most 200 characters"),
  severity: z.enum(SEVERITIES, { message: "must be SEV1, SEV2, SEV3 or SEV4" }),
  status: z.enum(INCIDENT_STATUSES, {
    message: "must be INVESTIGATING, IDENTIFIED, MITIGATED or RESOLVED",
  }),
  startedAt: dateTime,
  detectedAt: dateTime,
  mitigatedAt: dateTime.nullable(),
  resolvedAt: dateTime.nullable(),
  systems: z
    .array(slug, { message: "must be a list of system slugs" })
    .min(1, "name at least one affected system")
    .max(50, "at most 50 systems"),
  errors: count,
  lostOrders: count,
  customersAffected: count,
  summary: z.string().trim().max(20_000, "must be at most 20,000 characters"),
  postmortemUrl: z
    .string()
    .trim()
    .max(2000)
    .url("must be a link (https://...)")
    .refine((u) => /^https?:\/\//.test(u), "must be an http(s) link")
    .nullable(),
};

export const createIncidentSchema = z
  .object({
    ...incidentFields,
    status: incidentFields.status.default("INVESTIGATING"),
    mitigatedAt: incidentFields.mitigatedAt.default(null),
    resolvedAt: incidentFields.resolvedAt.default(null),
    errors: count.default(null),
    lostOrders: count.default(null),
    customersAffected: count.default(null),
    summary: incidentFields.summary.default(""),
    postmortemUrl: incidentFields.postmortemUrl.default(null),
  })
  .strict();
export type CreateIncidentInput = z.output<typeof createIncidentSchema>;

export const updateIncidentSchema = z
  .object(incidentFields)
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, "send at least one field to change");
export type UpdateIncidentInput = z.output<typeof updateIncidentSchema>;

export const noteSchema = z
  .object({
    at: dateTime.optional(),
    text: z
      .string({ message: "is required" })
      .trim()
      .min(1, "must not be empty")
      .max(5000, "must be at most 5,000 characters"),
  })
  .strict();

export const linkSchema = z
  .object({
    change: z
      .string({ message: "is required" })
      .trim()
      .toUpperCase()
      .regex(/^CR-\d{1,9}$/, "must be a change key like CR-42"),
    kind: z.enum(LINK_KINDS, { message: "must be CAUSE, CONTRIBUTING or SUSPECT" }),
  })
  .strict();

export const INCIDENT_KEY = /^INC-\d{1,9}$/;
