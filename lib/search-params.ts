// Page filters come from the URL: parse them with zod, dropping values that do not parse.
import { z } from "zod";
import { LEVELS } from "@/lib/domain/levels";
import { AUDIT_ACTIONS } from "@/lib/domain/audit/events";
import { isRealDateTime, isStorableDate } from "@/lib/validation";

export type RawSearchParams = Record<string, string | string[] | undefined>;

export function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const text = z.string().trim().max(100).optional().catch(undefined);
const slug = z
  .string()
  .regex(/^[a-z0-9-]{1,64}$/)
  .optional()
  .catch(undefined);
const cursor = z.string().max(1000).optional().catch(undefined);

export const systemFiltersSchema = z.object({
  q: text,
  tier: z.coerce.number().int().min(1).max(3).optional().catch(undefined),
  team: slug,
  after: cursor,
  before: cursor,
});

export const peopleFiltersSchema = z.object({
  q: text,
  level: z.enum(LEVELS).optional().catch(undefined),
  team: slug,
  after: cursor,
  before: cursor,
});

export function parseSearchParams<S extends z.ZodType>(
  schema: S,
  raw: RawSearchParams,
): z.output<S> {
  const flat = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, first(v) || undefined]));
  return schema.parse(flat);
}

/** The same URL with some parameters replaced (undefined removes one). */
export function withParams(
  path: string,
  current: Record<string, unknown>,
  changes: Record<string, string | undefined | null>,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...current, ...changes })) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** A `datetime-local` value (read as UTC) or an ISO date-time; anything else is dropped. */
const when = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?$/)
  .refine(isRealDateTime)
  .transform((v) => new Date(/T/.test(v) ? (v.endsWith("Z") ? v : `${v}Z`) : `${v}T00:00:00Z`))
  .refine(isStorableDate)
  .optional()
  .catch(undefined);
const seq = z.coerce.number().int().positive().optional().catch(undefined);

export const auditFiltersSchema = z.object({
  actor: text,
  action: z
    .enum(AUDIT_ACTIONS as [string, ...string[]])
    .optional()
    .catch(undefined),
  subject: text,
  change: z
    .string()
    .trim()
    .regex(/^[A-Za-z]+-\d+$/)
    .optional()
    .catch(undefined),
  from: when,
  to: when,
  older: seq,
  newer: seq,
});
