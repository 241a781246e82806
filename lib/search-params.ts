// Page filters come from the URL: parse them with zod, dropping values that do not parse.
import { z } from "zod";
import { LEVELS } from "@/lib/domain/levels";

export type RawSearchParams = Record<string, string | string[] | undefined>;

export function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const text = z.string().trim().max(100).optional().catch(undefined);
const slug = z.string().regex(/^[a-z0-9-]{1,64}$/).optional().catch(undefined);
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

export function parseSearchParams<S extends z.ZodType>(schema: S, raw: RawSearchParams): z.output<S> {
  const flat = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, first(v) || undefined]));
  return schema.parse(flat);
}

/** The same URL with some parameters replaced (undefined removes one). */
export function withParams(path: string, current: Record<string, unknown>, changes: Record<string, string | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...current, ...changes })) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
