// Conversations on a change (docs/decisions/0014-reviewer-workplace.md): start a thread on lines
// of the current revision or on the change as a whole, reply, resolve and reopen. Each write is one
// transaction with its audit event; the change's authors, the thread's people and anyone
// mentioned hear of it. Anyone who may see a submitted change may take part; resolving is for the
// thread's starter, the change's authors and the people who may sign it.
import { z } from "zod";
import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";
import type { PersonActor } from "@/lib/domain/actor";
import { isAuthorOrCoAuthor } from "@/lib/domain/changes/people";
import { DiffError, parseUnifiedDiff, type DiffFile } from "@/lib/domain/diff/parse";
import { anchorLines, mentionsIn, placeThread, type Anchor } from "@/lib/domain/review/threads";
import { AppError, notFound, validationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { mutate } from "@/lib/server/audit/mutate";
import { notify } from "@/lib/server/notify";
import {
  assertMaySee,
  authorshipOf,
  loadContext,
  lockChange,
  signOffStanding,
  type ChangeContext,
  changeSubject,
} from "./context";

const body = z
  .string({ message: "must be the comment's text" })
  .trim()
  .min(1, "must not be empty")
  .max(20_000, "must be at most 20,000 characters");

export const startThreadSchema = z
  .object({
    revision: z.number({ message: "must be the revision you comment on" }).int().min(1),
    path: z.string().min(1).max(1000).optional(),
    side: z.enum(["OLD", "NEW"], { message: "must be OLD or NEW" }).optional(),
    startLine: z.number().int().min(1).optional(),
    endLine: z.number().int().min(1).optional(),
    body,
  })
  .strict()
  .superRefine((v, ctx) => {
    const onLines = v.side !== undefined || v.startLine !== undefined || v.endLine !== undefined;
    if (onLines && v.path === undefined)
      ctx.addIssue({ code: "custom", path: ["path"], message: "is needed for a line comment" });
    if (v.path !== undefined && v.startLine === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["startLine"],
        message: "is needed for a comment on a file",
      });
  });

export const replySchema = z.object({ body }).strict();
export const resolveSchema = z
  .object({ resolved: z.boolean({ message: "must be true or false" }) })
  .strict();

function diffFiles(diff: string | null): DiffFile[] {
  if (!diff) return [];
  try {
    return parseUnifiedDiff(diff).files;
  } catch (error) {
    if (error instanceof DiffError) return [];
    throw error;
  }
}

async function openChange(tx: Tx, actor: PersonActor, key: string) {
  const change = await lockChange(tx, key);
  const ctx = await loadContext(tx, change, { owners: [actor.id] });
  assertMaySee(ctx, actor);
  if (change.status === "DRAFT")
    throw new AppError(
      "CONFLICT",
      `${key} is a draft: conversations open once it is submitted for review.`,
    );
  return ctx;
}

/** Who hears of a comment: the change's authors, the thread's people, and those mentioned. */
async function tellOthers(
  tx: Tx,
  ctx: ChangeContext,
  actor: PersonActor,
  thread: { id: string; participants: string[] },
  text: string,
) {
  const key = ctx.change.key;
  const handles = mentionsIn(text);
  const mentioned = handles.length
    ? await tx.user.findMany({
        where: { handle: { in: handles }, active: true },
        select: { id: true },
      })
    : [];
  const mentionedIds = mentioned.map((m) => m.id).filter((id) => id !== actor.id);
  const others = [ctx.change.authorId, ...ctx.coAuthorIds, ...thread.participants].filter(
    (id) => id !== actor.id && !mentionedIds.includes(id),
  );
  const excerpt = text.length > 280 ? `${text.slice(0, 277)}…` : text;
  const link = `/changes/${key}#thread-${thread.id}`;
  await notify(tx, mentionedIds, {
    kind: "MENTIONED",
    changeKey: key,
    title: `${actor.name} mentioned you on ${key}`,
    body: excerpt,
    link,
  });
  await notify(tx, others, {
    kind: "COMMENTED",
    changeKey: key,
    title: `${actor.name} commented on ${key}`,
    body: excerpt,
    link,
  });
  return handles;
}

export async function startThread(actor: PersonActor, key: string, raw: unknown) {
  const input = parseInput(startThreadSchema, raw);
  return mutate(actor, async (tx) => {
    const ctx = await openChange(tx, actor, key);
    const { change } = ctx;
    if (input.revision !== change.currentRevision)
      throw new AppError(
        "CONFLICT",
        `${key} has a newer revision (${change.currentRevision}) than the one you commented on (${input.revision}): reload.`,
      );
    let anchor: (Anchor & { anchorText: string[] }) | null = null;
    if (input.path !== undefined && input.startLine !== undefined) {
      const revision = await tx.revision.findUniqueOrThrow({
        where: { changeId_number: { changeId: change.id, number: change.currentRevision } },
        select: { diff: true },
      });
      const files = diffFiles(revision.diff);
      if (files.length === 0)
        throw validationError([
          {
            field: "path",
            message: `revision ${change.currentRevision} has no diff to comment on: comment on the change instead`,
          },
        ]);
      const wanted: Anchor = {
        path: input.path,
        side: input.side ?? "NEW",
        startLine: input.startLine,
        endLine: input.endLine ?? input.startLine,
      };
      const verdict = anchorLines(files, wanted);
      if (!verdict.ok) throw validationError([{ field: verdict.field, message: verdict.problem }]);
      anchor = { ...wanted, anchorText: verdict.anchorText };
    }
    const thread = await tx.reviewThread.create({
      data: {
        changeId: change.id,
        revision: change.currentRevision,
        path: anchor?.path ?? null,
        side: anchor?.side ?? null,
        startLine: anchor?.startLine ?? null,
        endLine: anchor?.endLine ?? null,
        anchorText: anchor?.anchorText ?? [],
        authorId: actor.id,
        createdAt: ctx.now,
        comments: {
          create: {
            authorId: actor.id,
            body: input.body,
            revision: change.currentRevision,
            createdAt: ctx.now,
          },
        },
      },
      select: { id: true, comments: { select: { id: true } } },
    });
    const mentions = await tellOthers(
      tx,
      ctx,
      actor,
      { id: thread.id, participants: [] },
      input.body,
    );
    return {
      result: { threadId: thread.id, commentId: thread.comments[0]!.id },
      event: {
        action: "comment.added",
        ...changeSubject(change),
        payload: {
          threadId: thread.id,
          commentId: thread.comments[0]!.id,
          revision: change.currentRevision,
          ...(anchor
            ? {
                path: anchor.path,
                side: anchor.side,
                startLine: anchor.startLine,
                endLine: anchor.endLine,
              }
            : {}),
          body: input.body,
          mentions,
        },
      },
    };
  });
}

async function threadOf(tx: Tx, ctx: ChangeContext, threadId: string) {
  const thread = await tx.reviewThread.findFirst({
    where: { id: threadId, changeId: ctx.change.id },
    select: {
      id: true,
      authorId: true,
      resolvedAt: true,
      comments: { select: { authorId: true } },
    },
  });
  if (!thread) throw notFound("No such thread on this change.");
  return thread;
}

export async function replyToThread(
  actor: PersonActor,
  key: string,
  threadId: string,
  raw: unknown,
) {
  const input = parseInput(replySchema, raw);
  return mutate(actor, async (tx) => {
    const ctx = await openChange(tx, actor, key);
    const thread = await threadOf(tx, ctx, threadId);
    const comment = await tx.reviewComment.create({
      data: {
        threadId,
        authorId: actor.id,
        body: input.body,
        revision: ctx.change.currentRevision,
        createdAt: ctx.now,
      },
      select: { id: true },
    });
    const mentions = await tellOthers(
      tx,
      ctx,
      actor,
      { id: threadId, participants: thread.comments.map((c) => c.authorId) },
      input.body,
    );
    return {
      result: { threadId, commentId: comment.id },
      event: {
        action: "comment.added",
        ...changeSubject(ctx.change),
        payload: {
          threadId,
          commentId: comment.id,
          revision: ctx.change.currentRevision,
          reply: true,
          body: input.body,
          mentions,
        },
      },
    };
  });
}

export async function setThreadResolved(
  actor: PersonActor,
  key: string,
  threadId: string,
  raw: unknown,
) {
  const input = parseInput(resolveSchema, raw);
  return mutate(actor, async (tx) => {
    const ctx = await openChange(tx, actor, key);
    const thread = await threadOf(tx, ctx, threadId);
    const may =
      thread.authorId === actor.id ||
      isAuthorOrCoAuthor(authorshipOf(ctx), actor.id) ||
      signOffStanding(ctx, actor).mayApprove;
    if (!may)
      throw new AppError(
        "FORBIDDEN",
        "Only the thread's starter, the change's authors and its eligible reviewers resolve threads.",
      );
    if ((thread.resolvedAt !== null) === input.resolved)
      return { result: { threadId, resolved: input.resolved }, event: null };
    await tx.reviewThread.update({
      where: { id: threadId },
      data: input.resolved
        ? { resolvedAt: ctx.now, resolvedById: actor.id }
        : { resolvedAt: null, resolvedById: null },
    });
    return {
      result: { threadId, resolved: input.resolved },
      event: {
        action: input.resolved ? "thread.resolved" : "thread.reopened",
        ...changeSubject(ctx.change),
        payload: { threadId },
      },
    };
  });
}

export interface ThreadView {
  id: string;
  revision: number;
  path: string | null;
  side: "OLD" | "NEW" | null;
  /** Where it sits in the current revision; null for a general thread or an outdated one. */
  placed: Anchor | null;
  outdated: boolean;
  startLine: number | null;
  endLine: number | null;
  anchorText: string[];
  resolved: boolean;
  resolvedBy: string | null;
  comments: {
    id: string;
    body: string;
    revision: number;
    createdAt: Date;
    author: { name: string; handle: string };
  }[];
}

/** A change's threads, each placed in the current revision's diff (or marked outdated). */
export async function threadsOf(
  changeId: string,
  currentRevision: number,
  diff: string | null,
): Promise<ThreadView[]> {
  const threads = await db.reviewThread.findMany({
    where: { changeId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      revision: true,
      path: true,
      side: true,
      startLine: true,
      endLine: true,
      anchorText: true,
      resolvedAt: true,
      resolvedBy: { select: { name: true } },
      comments: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          body: true,
          revision: true,
          createdAt: true,
          author: { select: { name: true, handle: true } },
        },
      },
    },
  });
  const files = threads.some((t) => t.path && t.revision !== currentRevision)
    ? diffFiles(diff)
    : [];
  return threads.map((t) => {
    const anchored =
      t.path && t.side && t.startLine !== null && t.endLine !== null
        ? {
            path: t.path,
            side: t.side,
            startLine: t.startLine,
            endLine: t.endLine,
            anchorText: t.anchorText,
          }
        : null;
    const placed = !anchored
      ? null
      : t.revision === currentRevision
        ? {
            path: anchored.path,
            side: anchored.side,
            startLine: anchored.startLine,
            endLine: anchored.endLine,
          }
        : placeThread(anchored, files);
    return {
      id: t.id,
      revision: t.revision,
      path: t.path,
      side: t.side,
      placed,
      outdated: anchored !== null && placed === null,
      startLine: t.startLine,
      endLine: t.endLine,
      anchorText: t.anchorText,
      resolved: t.resolvedAt !== null,
      resolvedBy: t.resolvedBy?.name ?? null,
      comments: t.comments,
    };
  });
}
