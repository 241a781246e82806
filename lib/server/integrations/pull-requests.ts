// A pull request (GitHub) or merge request (GitLab) brought in step with its change request: read
// it through the host's API, decide (lib/domain/integrations/sync.ts) and write in one transaction
// with the audit event, the actor being the connection (docs/decisions/0013-integrations.md).
// The signed webhook is the authority here: the author's own checks do not apply, the lifecycle's
// do.
import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/domain/actor";
import {
  changeInputOf,
  pullRequestDisclosure,
  type PullRequestSnapshot,
} from "@/lib/domain/integrations/pull-request";
import { DESCRIBED_FIELDS, syncStep, type LinkedChange } from "@/lib/domain/integrations/sync";
import type { AiExtent } from "@/lib/domain/policy/minimum-level";
import { mutate } from "@/lib/server/audit/mutate";
import { loadContext, lockChange } from "@/lib/server/changes/context";
import { describeIn } from "@/lib/server/changes/describe";
import { prepare, saveChangeIn, type ChangeAuthor } from "@/lib/server/changes/save";
import { prepareRevision, reviseIn, withdrawIn } from "@/lib/server/changes/transitions";
import { admins, notify } from "@/lib/server/notify";
import type { CodeHost, PullRequestRef } from "./hosts";

export interface Connection {
  id: string;
  kind: "GITHUB" | "GITLAB";
  name: string;
}

export interface SyncResult {
  outcome: "DONE" | "IGNORED";
  detail: string;
  changeKey?: string;
}

export const HOST_NAMES = { GITHUB: "GitHub", GITLAB: "GitLab" } as const;

/** The person who opened it, by their login on the host; or a stand-in marked as not matched. */
async function authorOf(
  tx: Tx,
  connection: Connection,
  login: string,
): Promise<{ author: ChangeAuthor; matched: boolean }> {
  const field = connection.kind === "GITHUB" ? "githubLogin" : "gitlabUsername";
  const select = { id: true, name: true, handle: true, level: true } as const;
  const person = await tx.user.findFirst({
    where: { [field]: { equals: login, mode: "insensitive" }, active: true },
    select,
  });
  if (person) return { author: person, matched: true };
  const prefix = connection.kind === "GITHUB" ? "github" : "gitlab";
  const handle = `${prefix}-${login.toLowerCase().replace(/[^a-z0-9._-]/g, "-")}`.slice(0, 64);
  // Inactive: it can sign nothing and is never routed to; the strictest level for policy.
  const standIn = await tx.user.upsert({
    where: { handle },
    update: {},
    create: {
      handle,
      name: `${login} (${HOST_NAMES[connection.kind]}, not matched)`,
      email: `${handle}@unmatched.invalid`,
      level: "JUNIOR",
      roles: [],
      active: false,
    },
    select,
  });
  return { author: standIn, matched: false };
}

async function linkedChange(tx: Tx, changeId: string | null): Promise<LinkedChange | null> {
  if (!changeId) return null;
  const change = await tx.changeRequest.findUnique({
    where: { id: changeId },
    select: {
      status: true,
      aiExtent: true,
      currentRevision: true,
      title: true,
      intent: true,
      aiTools: true,
      aiWrote: true,
      rollbackPlan: true,
      testEvidence: true,
      revisions: { select: { number: true, commitSha: true } },
    },
  });
  if (!change) return null;
  return {
    status: change.status,
    aiExtent: change.aiExtent,
    commit: change.revisions.find((r) => r.number === change.currentRevision)?.commitSha ?? null,
    described: {
      title: change.title,
      intent: change.intent,
      aiTools: change.aiTools,
      aiWrote: change.aiWrote,
      rollbackPlan: change.rollbackPlan,
      testEvidence: change.testEvidence,
    },
  };
}

/** Reads the pull request and brings its change request in step. */
export async function syncPullRequest(
  actor: Actor,
  connection: Connection,
  host: CodeHost,
  ref: PullRequestRef,
): Promise<SyncResult> {
  const mapping = await db.integrationRepository.findUnique({
    where: {
      integrationId_externalName: { integrationId: connection.id, externalName: ref.repository },
    },
    select: { repository: { select: { name: true } } },
  });
  if (!mapping)
    return {
      outcome: "IGNORED",
      detail: `${ref.repository} is not mapped to a Countersign repository`,
    };
  const pr = await host.pullRequest(ref);
  const disclosure = pullRequestDisclosure(pr.body, pr.commits);
  const raw = changeInputOf(pr, mapping.repository.name, disclosure);

  return mutate<SyncResult>(actor, async (tx) => {
    const link = await lockLink(tx, connection, ref, pr);
    const current = await linkedChange(tx, link.changeId);
    const step = syncStep(pr, current, {
      submit: raw.submit === true,
      aiExtent: raw.aiExtent as AiExtent,
      described: Object.fromEntries(
        DESCRIBED_FIELDS.map((f) => [f, raw[f] as string | string[]]),
      ) as LinkedChange["described"],
    });
    const done = (key: string | undefined, detail: string) => ({
      outcome: "DONE" as const,
      detail,
      changeKey: key,
    });
    const keep = { headSha: pr.headSha, needs: disclosure.missing };
    switch (step.kind) {
      case "ignore":
      case "none":
        await tx.pullRequest.update({ where: { id: link.id }, data: keep });
        return {
          result: { outcome: "IGNORED", detail: step.why, changeKey: link.key ?? undefined },
          event: null,
        };
      case "create":
      case "save-draft": {
        const { author, matched } =
          step.kind === "create"
            ? await authorOf(tx, connection, pr.authorLogin)
            : await existingAuthor(tx, link.changeId!);
        const saved = await saveChangeIn(
          tx,
          author,
          prepare(step.kind === "save-draft" ? { ...raw, key: link.key } : raw),
        );
        await tx.pullRequest.update({
          where: { id: link.id },
          data: {
            ...keep,
            changeId: (
              await tx.changeRequest.findUniqueOrThrow({
                where: { key: saved.result.key },
                select: { id: true },
              })
            ).id,
            authorId: matched ? author.id : null,
          },
        });
        if (step.kind === "create" && !matched)
          await tellAdmins(tx, connection, pr, saved.result.key);
        return {
          result: done(
            saved.result.key,
            `${saved.result.key} ${saved.result.status.toLowerCase()}`,
          ),
          event: saved.event,
        };
      }
      case "revise": {
        const change = await lockChange(tx, link.key!);
        const ctx = await loadContext(tx, change);
        const revision = prepareRevision({
          ...(raw.diff ? { diff: raw.diff } : { paths: raw.paths, linesChanged: raw.linesChanged }),
          commit: pr.headSha,
          note: step.aiExtent
            ? `the AI disclosure is now ${step.aiExtent}`
            : `new commits on ${HOST_NAMES[connection.kind]}`,
        });
        const revised = await reviseIn(
          tx,
          change,
          ctx,
          { ...revision, aiExtent: step.aiExtent ?? undefined },
          `${pr.authorLogin} on ${HOST_NAMES[connection.kind]}`,
        );
        await tx.pullRequest.update({ where: { id: link.id }, data: keep });
        return {
          result: done(change.key, `${change.key} revision ${revised.result.revision}`),
          event: revised.event,
        };
      }
      case "describe": {
        const change = await lockChange(tx, link.key!);
        const described = await describeIn(
          tx,
          change,
          Object.fromEntries(step.fields.map((f) => [f, raw[f]])),
        );
        await tx.pullRequest.update({ where: { id: link.id }, data: keep });
        return {
          result: done(change.key, `${change.key}: ${step.fields.join(", ")} updated`),
          event: described.event,
        };
      }
      case "withdraw": {
        const change = await lockChange(tx, link.key!);
        const withdrawn = await withdrawIn(tx, change);
        await tx.pullRequest.update({ where: { id: link.id }, data: keep });
        return { result: done(change.key, `${change.key} withdrawn`), event: withdrawn.event };
      }
    }
  });
}

/** The pull request's row, created on first sight and locked for the rest of the transaction. */
async function lockLink(
  tx: Tx,
  connection: Connection,
  ref: PullRequestRef,
  pr: PullRequestSnapshot,
) {
  const where = {
    integrationId_repository_number: {
      integrationId: connection.id,
      repository: ref.repository,
      number: pr.number,
    },
  };
  const row = await tx.pullRequest.upsert({
    where,
    update: {
      url: pr.url,
      projectId: ref.projectId ?? null,
      ...(ref.installationId ? { installationId: ref.installationId } : {}),
    },
    create: {
      integrationId: connection.id,
      repository: ref.repository,
      projectId: ref.projectId ?? null,
      installationId: ref.installationId ?? null,
      number: pr.number,
      url: pr.url,
      headSha: pr.headSha,
      authorLogin: pr.authorLogin,
    },
    select: { id: true },
  });
  await tx.$queryRaw`SELECT id FROM "PullRequest" WHERE id = ${row.id} FOR UPDATE`;
  const locked = await tx.pullRequest.findUniqueOrThrow({
    where: { id: row.id },
    select: { id: true, changeId: true, change: { select: { key: true } } },
  });
  return { id: locked.id, changeId: locked.changeId, key: locked.change?.key ?? null };
}

async function existingAuthor(tx: Tx, changeId: string) {
  const change = await tx.changeRequest.findUniqueOrThrow({
    where: { id: changeId },
    select: {
      author: { select: { id: true, name: true, handle: true, level: true, active: true } },
    },
  });
  return { author: change.author, matched: change.author.active };
}

async function tellAdmins(tx: Tx, connection: Connection, pr: PullRequestSnapshot, key: string) {
  const field = connection.kind === "GITHUB" ? "GitHub login" : "GitLab username";
  await notify(tx, await admins(tx), {
    kind: "UNMATCHED_AUTHOR",
    changeKey: key,
    title: `${key}: ${pr.authorLogin} is not matched to a person`,
    body: `${HOST_NAMES[connection.kind]} user ${pr.authorLogin} opened ${pr.url}, and nobody in the directory has that ${field}. Set it on the person (or import it), so their next pull request is theirs.`,
  });
}
