// Admin edits of a system: tier, owning team and explicit extra approvers, in one transaction.
import { z } from "zod";
import { can } from "@/lib/authz/can";
import type { PersonActor } from "@/lib/domain/actor";
import { mutate } from "@/lib/server/audit/mutate";
import { forbidden, notFound, validationError, type FieldProblem } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

const handle = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^@?[a-z0-9._-]{1,64}$/, "must be a person's handle");
const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^@?[a-z0-9-]{1,64}$/, "must be a team slug");

export const systemEditSchema = z
  .object({
    tier: z
      .union([z.literal(1), z.literal(2), z.literal(3)], { message: "must be 1, 2 or 3" })
      .optional(),
    owningTeam: slug.optional(),
    extraApprovers: z
      .object({
        users: z.array(handle).max(50, "at most 50 people").default([]),
        teams: z.array(slug).max(20, "at most 20 teams").default([]),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine(
    (v) => v.tier !== undefined || v.owningTeam !== undefined || v.extraApprovers !== undefined,
    {
      message: "nothing to change: give tier, owningTeam or extraApprovers",
    },
  );

export type SystemEdit = z.infer<typeof systemEditSchema>;

const strip = (value: string) => value.replace(/^@/, "");

export async function updateSystem(actor: PersonActor, systemSlug: string, raw: unknown) {
  if (!can(actor, "systems:edit")) throw forbidden();
  const input = parseInput(systemEditSchema, raw);
  return mutate(actor, async (tx) => {
    const system = await tx.system.findUnique({
      where: { slug: systemSlug },
      select: {
        id: true,
        slug: true,
        tier: true,
        owningTeam: { select: { id: true, slug: true } },
        extraApprovers: {
          select: { user: { select: { handle: true } }, team: { select: { slug: true } } },
        },
      },
    });
    if (!system) throw notFound("No such system.");
    const problems: FieldProblem[] = [];
    let owningTeamId = system.owningTeam.id;
    if (input.owningTeam !== undefined) {
      const team = await tx.team.findUnique({
        where: { slug: strip(input.owningTeam) },
        select: { id: true },
      });
      if (!team)
        problems.push({
          field: "owningTeam",
          message: `no team with slug "${strip(input.owningTeam)}"`,
        });
      else owningTeamId = team.id;
    }
    let approverUsers: { id: string; handle: string }[] = [];
    let approverTeams: { id: string; slug: string }[] = [];
    if (input.extraApprovers) {
      const handles = [...new Set(input.extraApprovers.users.map(strip))];
      const slugs = [...new Set(input.extraApprovers.teams.map(strip))];
      approverUsers = await tx.user.findMany({
        where: { handle: { in: handles } },
        select: { id: true, handle: true },
      });
      approverTeams = await tx.team.findMany({
        where: { slug: { in: slugs } },
        select: { id: true, slug: true },
      });
      handles.forEach((h, i) => {
        if (!approverUsers.some((u) => u.handle === h))
          problems.push({
            field: `extraApprovers.users.${i}`,
            message: `no person with handle "@${h}"`,
          });
      });
      slugs.forEach((s, i) => {
        if (!approverTeams.some((t) => t.slug === s))
          problems.push({
            field: `extraApprovers.teams.${i}`,
            message: `no team with slug "${s}"`,
          });
      });
    }
    if (problems.length) throw validationError(problems);

    const before = {
      tier: system.tier,
      owningTeam: system.owningTeam.slug,
      extraApprovers: {
        users: system.extraApprovers.flatMap((a) => (a.user ? [a.user.handle] : [])).sort(),
        teams: system.extraApprovers.flatMap((a) => (a.team ? [a.team.slug] : [])).sort(),
      },
    };
    await tx.system.update({
      where: { id: system.id },
      data: { tier: input.tier ?? system.tier, owningTeamId },
    });
    if (input.extraApprovers) {
      await tx.systemApprover.deleteMany({ where: { systemId: system.id } });
      await tx.systemApprover.createMany({
        data: [
          ...approverUsers.map((u) => ({ systemId: system.id, userId: u.id })),
          ...approverTeams.map((t) => ({ systemId: system.id, teamId: t.id })),
        ],
      });
    }
    const after = {
      tier: input.tier ?? system.tier,
      owningTeam: input.owningTeam !== undefined ? strip(input.owningTeam) : system.owningTeam.slug,
      extraApprovers: input.extraApprovers
        ? {
            users: approverUsers.map((u) => u.handle).sort(),
            teams: approverTeams.map((t) => t.slug).sort(),
          }
        : before.extraApprovers,
    };
    return {
      result: { systemId: system.id, before, after },
      event: {
        action: "system.updated",
        subjectType: "system",
        subjectId: system.id,
        subjectLabel: system.slug,
        payload: { before, after },
      },
    };
  });
}
