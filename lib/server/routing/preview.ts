// The routing preview: who would have to sign off, and why, for a change that is not saved. Used
// by the submit page as the author types and by POST /api/v1/routing/preview.
import { db } from "@/lib/db";
import type { PersonActor } from "@/lib/domain/actor";
import { DiffError } from "@/lib/domain/diff/parse";
import { changeContent, type ChangeContent } from "@/lib/domain/changes/content";
import { routingRequest } from "@/lib/domain/changes/routing-request";
import { resolveCoAuthors } from "@/lib/server/changes/co-authors";
import { validationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { previewInputSchema } from "@/lib/server/changes/input";
import { routeChange, type RoutingResult } from "./route";

export function presentRouting(result: RoutingResult) {
  const systemById = new Map(result.systems.map((s) => [s.id, s]));
  return {
    repository: result.repository.name,
    systems: result.systems.map(({ slug, name, tier, source, paths }) => ({
      slug,
      name,
      tier,
      source,
      paths,
    })),
    unmappedPaths: result.unmappedPaths,
    riskFlags: result.riskFlags,
    detectedFlags: result.detectedFlags,
    riskHits: result.riskHits,
    oversized: result.policy.oversized,
    warnings: result.warnings,
    requirements: result.requirements.map((r) => {
      const system = systemById.get(r.decision.systemId)!;
      return {
        system: { slug: system.slug, name: system.name, tier: system.tier },
        approvalsRequired: r.decision.approvalsRequired,
        minLevel: r.decision.minLevel,
        principalRequired: r.decision.principalRequired,
        frozen: r.decision.frozen,
        emergency: r.decision.emergency,
        windows: r.decision.windows,
        rules: r.decision.rules,
        state: r.outcome.state,
        stateReason: r.outcome.reason,
        assigned: r.outcome.assigned.map(
          (a) => r.candidates.find((c) => c.person.id === a.personId)!.person.handle,
        ),
        candidates: r.candidates.map((c) => ({
          name: c.person.name,
          handle: c.person.handle,
          level: c.person.level,
          verdict: c.verdict,
          reason: c.reason,
        })),
      };
    }),
    reviewers: result.reviewers.map(({ name, handle, level, reasons }) => ({
      name,
      handle,
      level,
      reasons,
    })),
    slaHours: result.slaHours,
    estimate: result.estimate,
  };
}

export type RoutingPreview = ReturnType<typeof presentRouting>;

export async function previewRouting(actor: PersonActor, raw: unknown): Promise<RoutingPreview> {
  const input = parseInput(previewInputSchema, raw);
  let author: { id: string; level: PersonActor["level"]; handle: string } = actor;
  if (input.authorEmail && input.authorEmail !== actor.email.toLowerCase()) {
    const found = await db.user.findFirst({
      where: { email: { equals: input.authorEmail, mode: "insensitive" }, active: true },
      select: { id: true, level: true, handle: true },
    });
    if (!found)
      throw validationError([
        { field: "authorEmail", message: `no active person with e-mail ${input.authorEmail}` },
      ]);
    author = found;
  }
  let content: ChangeContent;
  try {
    content = changeContent(input);
  } catch (error) {
    if (error instanceof DiffError)
      throw validationError([{ field: "diff", message: error.message }]);
    throw error;
  }
  const coAuthorIds = await resolveCoAuthors(db, author.handle, input.coAuthors);
  const result = await routeChange(
    db,
    routingRequest({
      author,
      coAuthorIds,
      repository: input.repository,
      content,
      aiExtent: input.aiExtent,
      riskFlags: input.riskFlags,
      emergency: input.emergency,
      addedSystemSlugs: input.systems,
    }),
  );
  return presentRouting(result);
}
