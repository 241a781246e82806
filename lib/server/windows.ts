// Policy windows (dated extra minimums, e.g. a 90-day safety reset) and freeze windows: listed
// for everyone who can see the policy, created and edited by admins, every edit audited.
import { z } from "zod";
import { db } from "@/lib/db";
import { can } from "@/lib/authz/can";
import type { PersonActor } from "@/lib/domain/actor";
import { LEVELS } from "@/lib/domain/levels";
import { forbidden, notFound, validationError } from "@/lib/errors";
import { dateTime, parseInput } from "@/lib/validation";
import { mutate } from "@/lib/server/audit/mutate";

const when = dateTime;

export const windowInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(3, "must be at least 3 characters")
      .max(120, "must be at most 120 characters"),
    kind: z.enum(["POLICY", "FREEZE"], { message: 'must be "POLICY" or "FREEZE"' }),
    startsAt: when,
    endsAt: when,
    tiers: z
      .array(z.union([z.literal(1), z.literal(2), z.literal(3)], { message: "must be 1, 2 or 3" }))
      .max(3)
      .default([]),
    systems: z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .regex(/^[a-z0-9-]{1,64}$/, "must be a system slug"),
      )
      .max(200)
      .default([]),
    minApprovals: z
      .number()
      .int()
      .min(1, "must be at least 1")
      .max(5, "must be at most 5")
      .nullable()
      .default(null),
    minLevel: z.enum(LEVELS).nullable().default(null),
    requirePrincipal: z.boolean().default(false),
    description: z.string().trim().max(2000).default(""),
  })
  .strict()
  .superRefine((w, ctx) => {
    // zod runs this even when a date failed its own checks, with that field's raw string.
    if (w.startsAt instanceof Date && w.endsAt instanceof Date && w.endsAt <= w.startsAt)
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "must be after startsAt" });
    if (
      w.kind === "POLICY" &&
      w.minApprovals === null &&
      w.minLevel === null &&
      !w.requirePrincipal
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["minApprovals"],
        message:
          "a policy window must raise something: minimum approvals, minimum level or a PRINCIPAL",
      });
    }
  });

export async function listWindows() {
  const windows = await db.policyWindow.findMany({ orderBy: [{ endsAt: "desc" }] });
  const systemIds = [...new Set(windows.flatMap((w) => w.systemIds))];
  const systems = await db.system.findMany({
    where: { id: { in: systemIds } },
    select: { id: true, slug: true },
  });
  const slugOf = new Map(systems.map((s) => [s.id, s.slug]));
  const now = new Date();
  return windows.map((w) => ({
    ...w,
    systems: w.systemIds.map((id) => slugOf.get(id) ?? id),
    state:
      w.startsAt > now
        ? ("scheduled" as const)
        : w.endsAt <= now
          ? ("ended" as const)
          : ("active" as const),
  }));
}

const view = (w: {
  name: string;
  kind: string;
  startsAt: Date;
  endsAt: Date;
  tiers: number[];
  systemIds: string[];
  minApprovals: number | null;
  minLevel: string | null;
  requirePrincipal: boolean;
  description: string;
}) => ({
  name: w.name,
  kind: w.kind,
  startsAt: w.startsAt.toISOString(),
  endsAt: w.endsAt.toISOString(),
  tiers: w.tiers,
  systemIds: w.systemIds,
  minApprovals: w.minApprovals,
  minLevel: w.minLevel,
  requirePrincipal: w.requirePrincipal,
  description: w.description,
});

export async function saveWindow(actor: PersonActor, raw: unknown, id?: string) {
  if (!can(actor, "policy:edit")) throw forbidden();
  const input = parseInput(windowInputSchema, raw);
  return mutate(actor, async (tx) => {
    const systems = input.systems.length
      ? await tx.system.findMany({
          where: { slug: { in: input.systems } },
          select: { id: true, slug: true },
        })
      : [];
    const missing = input.systems.filter((slug) => !systems.some((s) => s.slug === slug));
    if (missing.length)
      throw validationError(
        missing.map((slug) => ({ field: "systems", message: `unknown system "${slug}"` })),
      );
    const existing = id ? await tx.policyWindow.findUnique({ where: { id } }) : null;
    if (id && !existing) throw notFound("No such window.");
    const data = {
      name: input.name,
      kind: input.kind,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      tiers: input.tiers,
      systemIds: systems.map((s) => s.id),
      minApprovals: input.kind === "POLICY" ? input.minApprovals : null,
      minLevel: input.kind === "POLICY" ? input.minLevel : null,
      requirePrincipal: input.kind === "POLICY" ? input.requirePrincipal : false,
      description: input.description,
    };
    const saved = existing
      ? await tx.policyWindow.update({ where: { id: existing.id }, data })
      : await tx.policyWindow.create({ data });
    return {
      result: { id: saved.id },
      event: {
        action: "policy.window_saved",
        subjectType: "policy",
        subjectId: saved.id,
        subjectLabel: saved.name,
        payload: { before: existing ? view(existing) : null, after: view(saved) },
      },
    };
  });
}
