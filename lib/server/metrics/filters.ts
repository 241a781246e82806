// The dashboard's and the metrics API's filters: a time range [from, to), and optionally a team,
// a system and a tier. Parsed from URL parameters; unknown teams and systems are named errors.
import { z } from "zod";
import { readDb } from "@/lib/db/replica";
import { validationError } from "@/lib/errors";
import { dateTime, parseInput } from "@/lib/validation";

const DAY = 86_400_000;
export const MAX_RANGE_DAYS = 731;

const slug = (what: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]{1,64}$/, `must be a ${what} slug`);

export const metricsQuerySchema = z
  .object({
    from: dateTime.optional(),
    to: dateTime.optional(),
    days: z.coerce
      .number({ message: "must be a number of days" })
      .int("must be a whole number of days")
      .min(1, "must be at least 1")
      .max(MAX_RANGE_DAYS, `must be at most ${MAX_RANGE_DAYS}`)
      .optional(),
    team: slug("team").optional(),
    system: slug("system").optional(),
    tier: z.coerce
      .number({ message: "must be 1, 2 or 3" })
      .int()
      .min(1, "must be 1, 2 or 3")
      .max(3, "must be 1, 2 or 3")
      .optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    // zod runs this even when a field failed its own checks, with that field's raw string.
    if (!(q.from instanceof Date) || !(q.to instanceof Date)) return;
    if (q.to <= q.from)
      ctx.addIssue({ code: "custom", path: ["to"], message: "must be after from" });
    if (q.to.getTime() - q.from.getTime() > MAX_RANGE_DAYS * DAY)
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: `the range must be at most ${MAX_RANGE_DAYS} days`,
      });
  });

export interface MetricsScope {
  from: Date;
  to: Date;
  team: { id: string; slug: string; name: string } | null;
  system: { id: string; slug: string; name: string; tier: number; owningTeamId: string } | null;
  tier: number | null;
}

/** Parses URL parameters (empty values ignored); the default range is the last 90 days. */
export async function resolveMetricsScope(
  params: Record<string, string | undefined>,
  now = new Date(),
): Promise<MetricsScope> {
  const cleaned = Object.fromEntries(
    Object.entries(params).filter(([, v]) => v !== undefined && v !== ""),
  );
  const q = parseInput(metricsQuerySchema, cleaned);
  const to = q.to ?? now;
  const from = q.from ?? new Date(to.getTime() - (q.days ?? 90) * DAY);
  if (to <= from) throw validationError([{ field: "from", message: "must be before to" }]);
  const [team, system] = await Promise.all([
    q.team
      ? readDb().team.findUnique({
          where: { slug: q.team },
          select: { id: true, slug: true, name: true },
        })
      : null,
    q.system
      ? readDb().system.findUnique({
          where: { slug: q.system },
          select: { id: true, slug: true, name: true, tier: true, owningTeamId: true },
        })
      : null,
  ]);
  const problems = [
    ...(q.team && !team ? [{ field: "team", message: `unknown team "${q.team}"` }] : []),
    ...(q.system && !system ? [{ field: "system", message: `unknown system "${q.system}"` }] : []),
  ];
  if (problems.length) throw validationError(problems);
  return { from, to, team, system, tier: q.tier ?? null };
}
