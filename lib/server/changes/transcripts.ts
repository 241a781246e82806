// The AI session attached to a change (docs/decisions/0014-reviewer-workplace.md): the author
// uploads an assistant's or agent's export; it is parsed, its secrets masked, and only then stored,
// with the audit event. A link to the session is the change's own `aiSessionUrl`.
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { PersonActor } from "@/lib/domain/actor";
import {
  MAX_TRANSCRIPT_BYTES,
  parseTranscript,
  type Message,
} from "@/lib/domain/transcripts/parse";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { mutate } from "@/lib/server/audit/mutate";
import { assertAuthor, assertMaySee, changeSubject, loadContext, lockChange } from "./context";

export const transcriptSchema = z
  .object({
    fileName: z
      .string({ message: "must be the uploaded file's name" })
      .trim()
      .min(1, "must not be empty")
      .max(255, "must be at most 255 characters")
      .regex(/^[^/\\]+$/, "must be a file name, not a path"),
    content: z
      .string({ message: "must be the file's text" })
      .min(1, "the file is empty")
      .refine((s) => Buffer.byteLength(s) <= MAX_TRANSCRIPT_BYTES, {
        message: `must be at most ${MAX_TRANSCRIPT_BYTES / 1024 / 1024} MB`,
      }),
  })
  .strict();

/** The JSON body's limit: the transcript plus JSON escaping. */
export const TRANSCRIPT_BODY_BYTES = MAX_TRANSCRIPT_BYTES * 2;

export async function attachTranscript(actor: PersonActor, key: string, raw: unknown) {
  const input = parseInput(transcriptSchema, raw);
  const parsed = parseTranscript(input.fileName, input.content);
  return mutate(actor, async (tx) => {
    const change = await lockChange(tx, key);
    const ctx = await loadContext(tx, change, { owners: [] });
    assertMaySee(ctx, actor);
    assertAuthor(ctx, actor.id);
    if (["WITHDRAWN", "REJECTED"].includes(change.status))
      throw new AppError("CONFLICT", `${key} is closed (${change.status.toLowerCase()}).`);
    const row = await tx.aiTranscript.create({
      data: {
        changeId: change.id,
        fileName: input.fileName,
        format: parsed.format,
        source: parsed.source,
        messages: parsed.messages as unknown as Prisma.InputJsonValue,
        bytes: Buffer.byteLength(input.content),
        secretsMasked: parsed.secretsMasked,
        uploadedById: actor.id,
        createdAt: ctx.now,
      },
      select: { id: true },
    });
    const summary = {
      id: row.id,
      fileName: input.fileName,
      format: parsed.format,
      source: parsed.source,
      messages: parsed.messages.length,
      secretsMasked: parsed.secretsMasked,
    };
    return {
      result: summary,
      event: {
        action: "transcript.attached",
        ...changeSubject(change),
        payload: { ...summary, bytes: Buffer.byteLength(input.content) },
      },
    };
  });
}

export interface TranscriptView {
  id: string;
  fileName: string;
  source: string;
  secretsMasked: number;
  createdAt: Date;
  uploadedBy: string;
  messages: Message[];
}

export async function transcriptsOf(changeId: string): Promise<TranscriptView[]> {
  const rows = await db.aiTranscript.findMany({
    where: { changeId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      fileName: true,
      source: true,
      secretsMasked: true,
      createdAt: true,
      messages: true,
      uploadedBy: { select: { name: true } },
    },
  });
  return rows.map((r) => ({
    ...r,
    uploadedBy: r.uploadedBy.name,
    messages: r.messages as unknown as Message[],
  }));
}
