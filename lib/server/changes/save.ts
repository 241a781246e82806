// Saving a draft and submitting a change. Submission is one transaction: the change (numbered
// CR-n from a locked counter, so keys have no gaps and no races), its first revision, the
// affected systems, the requirements with their explanation, the assignments, the policy
// snapshot, and the audit event.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import type { PersonActor } from "@/lib/domain/actor";
import { can } from "@/lib/authz/can";
import { DEFAULT_POLICY } from "@/lib/domain/policy/engine";
import { changeContent, linesOf, type ChangeContent } from "@/lib/domain/changes/content";
import { routingRequest } from "@/lib/domain/changes/routing-request";
import { resolveCoAuthors } from "./co-authors";
import { writeChangeSystems, writeRevision, writeRouting } from "./writer";
import { AppError, forbidden, notFound, validationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { mutate, type MutationOutcome } from "@/lib/server/audit/mutate";
import { routeChange, type RoutingResult } from "@/lib/server/routing/route";
import { admins, managersOf, notify } from "@/lib/server/notify";
import { changeInputSchema, type ChangeInput } from "./input";

class PreparedChange {
  constructor(
    readonly input: ChangeInput,
    readonly content: ChangeContent,
  ) {}
}

/** Validates a change's input and reads its diff (outside any transaction). */
export function prepare(raw: unknown): PreparedChange {
  const input = parseInput(changeInputSchema, raw);
  return new PreparedChange(input, changeContent(input));
}

async function nextNumber(tx: Tx): Promise<number> {
  const [row] = await tx.$queryRaw<
    { value: number }[]
  >`UPDATE "Counter" SET value = value + 1 WHERE name = 'change' RETURNING value`;
  if (!row) throw new Error("the change counter is missing (migrations not applied?)");
  return row.value;
}

function snapshot(result: RoutingResult): Prisma.InputJsonValue {
  return JSON.parse(
    JSON.stringify({
      policy: DEFAULT_POLICY,
      decidedAt: new Date().toISOString(),
      warnings: result.warnings,
      oversized: result.policy.oversized,
      unmappedPaths: result.unmappedPaths,
      riskHits: result.riskHits,
      estimate: result.estimate,
    }),
  ) as Prisma.InputJsonValue;
}

/** Tell the assigned reviewers; tell the managers and admins about requirements nobody can take. */
export async function notifyRouting(tx: Tx, key: string, title: string, routing: RoutingResult) {
  await notify(
    tx,
    routing.reviewers.map((r) => r.id),
    {
      kind: "ASSIGNED",
      changeKey: key,
      title: `${key} is assigned to you`,
      body: `Please review "${title}". ${routing.slaHours} h to a first review.`,
    },
  );
  const unroutable = routing.requirements.filter((r) => r.outcome.state === "UNROUTABLE");
  if (unroutable.length) {
    const recipients = [
      ...(await managersOf(
        tx,
        unroutable.map((r) => r.decision.systemId),
      )),
      ...(await admins(tx)),
    ];
    const why = unroutable.map((r) => `${r.decision.systemSlug}: ${r.outcome.reason}`).join("; ");
    await notify(tx, recipients, {
      kind: "UNROUTABLE",
      changeKey: key,
      title: `${key} cannot be routed`,
      body: `Nobody can sign off "${title}" — ${why}.`,
    });
  }
}

export interface SavedChange {
  key: string;
  status: string;
}

export async function saveChange(author: PersonActor, raw: unknown): Promise<SavedChange> {
  if (!can(author, "changes:create")) throw forbidden();
  const prepared = prepare(raw);
  return mutate(author, (tx) => saveChangeIn(tx, author, prepared));
}

/** The author of a change as saving needs them (a person, matched or not, for integrations). */
export type ChangeAuthor = Pick<PersonActor, "id" | "name" | "handle" | "level">;

/**
 * Saves or submits a change by `author` inside the caller's transaction; the caller records the
 * returned event. Entry points authorise first: `saveChange` for a person, the code-host
 * integrations for a pull request (lib/server/integrations/pull-requests.ts).
 */
export async function saveChangeIn(
  tx: Tx,
  author: ChangeAuthor,
  raw: unknown,
): Promise<MutationOutcome<SavedChange>> {
  const prepared = raw instanceof PreparedChange ? raw : prepare(raw);
  const { input } = prepared;
  const now = new Date();
  const existing = input.key
    ? await tx.changeRequest.findUnique({
        where: { key: input.key },
        select: { id: true, number: true, authorId: true, status: true },
      })
    : null;
  if (input.key && (!existing || existing.authorId !== author.id))
    throw notFound("No such change.");
  if (existing && existing.status !== "DRAFT") {
    throw new AppError(
      "CONFLICT",
      `${input.key} is ${existing.status.toLowerCase().replace("_", " ")}: only a draft can be edited this way; upload a new revision instead.`,
    );
  }
  const coAuthors = await resolveCoAuthors(tx, author.handle, input.coAuthors);
  const { content } = prepared;
  const linesChanged = linesOf(content);
  const routing = await routeChange(
    tx,
    routingRequest({
      author,
      coAuthorIds: coAuthors,
      repository: input.repository,
      content,
      aiExtent: input.aiExtent,
      riskFlags: input.riskFlags,
      emergency: input.emergency,
      addedSystemSlugs: input.systems,
    }),
    now,
  );
  if (input.submit && routing.systems.length === 0) {
    throw validationError([
      {
        field: "systems",
        message:
          "no system is affected: the paths map to none; add the systems this change touches",
      },
    ]);
  }
  if (input.submit && routing.riskFlags.length > 0 && input.rollbackPlan.length < 10) {
    throw validationError([
      {
        field: "rollbackPlan",
        message: `is required for a risk-flagged change (${routing.riskFlags.join(", ")}): how do you undo it?`,
      },
    ]);
  }

  const number = existing?.number ?? (await nextNumber(tx));
  const key = `CR-${number}`;
  const status = input.submit ? ("PENDING" as const) : ("DRAFT" as const);
  const fields = {
    title: input.title,
    intent: input.intent,
    repositoryId: routing.repository.id,
    prUrl: input.prUrl ?? null,
    baseRef: input.baseRef || null,
    headRef: input.headRef || null,
    status,
    aiExtent: input.aiExtent,
    aiTools: input.aiTools,
    aiSessionUrl: input.aiSessionUrl ?? null,
    aiWrote: input.aiWrote,
    riskFlags: routing.riskFlags,
    detectedRiskFlags: routing.detectedFlags,
    rollbackPlan: input.rollbackPlan,
    testEvidence: input.testEvidence,
    emergency: input.emergency,
    emergencyJustification: input.emergency ? input.emergencyJustification : null,
    linesAdded: content.linesAdded,
    linesRemoved: content.linesRemoved,
    filesChanged: content.paths.length,
    policySnapshot: input.submit ? snapshot(routing) : undefined,
    submittedAt: input.submit ? now : null,
    slaDueAt: input.submit ? new Date(now.getTime() + routing.slaHours * 3600_000) : null,
  };
  const change = existing
    ? await tx.changeRequest.update({
        where: { id: existing.id },
        data: fields,
        select: { id: true },
      })
    : await tx.changeRequest.create({
        data: { ...fields, number, key, authorId: author.id, authorLevel: author.level },
        select: { id: true },
      });

  await tx.changeCoAuthor.deleteMany({ where: { changeId: change.id } });
  await tx.changeCoAuthor.createMany({
    data: coAuthors.map((userId) => ({ changeId: change.id, userId })),
  });
  await writeChangeSystems(tx, change.id, routing);
  await writeRevision(
    tx,
    change.id,
    1,
    {
      ...content,
      diff: input.diff ?? null,
      riskHits: routing.riskHits,
    },
    input.commit ?? null,
  );
  if (input.submit) {
    await writeRouting(tx, { id: change.id, revision: 1, linesChanged }, routing, now);
    await notifyRouting(tx, key, input.title, routing);
  }

  const summary = {
    title: input.title,
    repository: routing.repository.name,
    aiExtent: input.aiExtent,
    riskFlags: routing.riskFlags,
    emergency: input.emergency,
    systems: routing.systems.map((s) => s.slug),
    requirements: routing.requirements.map((r) => ({
      system: r.decision.systemSlug,
      approvals: r.decision.approvalsRequired,
      minLevel: r.decision.minLevel,
      principal: r.decision.principalRequired,
      state: r.outcome.state,
    })),
    assigned: routing.reviewers.map((r) => `@${r.handle}`),
  };
  const subject = {
    subjectType: "change" as const,
    subjectId: change.id,
    subjectLabel: key,
    changeKey: key,
  };
  return {
    result: { key, status },
    event: input.submit
      ? { ...subject, action: "change.submitted" as const, payload: summary }
      : {
          ...subject,
          action: "change.draft_saved" as const,
          payload: { title: input.title, repository: routing.repository.name },
        },
  };
}
