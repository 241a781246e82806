// What an author sends to save or submit a change, validated with zod. A draft needs only a
// title and a repository; submitting needs the rest (docs/architecture.md, "The change request and its home").
import { z } from "zod";
import { AI_EXTENTS } from "@/lib/domain/policy/minimum-level";
import { RISK_FLAGS } from "@/lib/domain/risk/flags";
import { checkPath } from "@/lib/domain/changes/paths";

import { MAX_DIFF_BYTES } from "@/lib/domain/changes/content";
import { DiffError, parseUnifiedDiff } from "@/lib/domain/diff/parse";

export { MAX_DIFF_BYTES };

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const optionalUrl = z
  .string()
  .trim()
  .max(500, "must be at most 500 characters")
  .refine((v) => v === "" || /^https?:\/\/\S+$/.test(v), "must be an http(s) URL")
  .optional()
  .transform((v) => v || undefined);
/** A person's handle, with or without the @. */
export const handle = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^@?[a-z0-9._-]{1,64}$/, "must be a person's handle")
  .transform((v) => v.replace(/^@/, ""));
/** A system's slug. */
export const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9-]{1,64}$/, "must be a system slug");

/** A changed path, refused with its name unless canonical (lib/domain/changes/paths.ts). */
export const gitPath = z
  .string()
  .max(1000, "must be at most 1000 characters")
  .superRefine((path, ctx) => {
    const verdict = checkPath(path);
    if (!verdict.ok) ctx.addIssue({ code: "custom", message: `"${path}" ${verdict.problem}` });
  });
export const gitPaths = z.array(gitPath).max(5000, "at most 5,000 paths").default([]);

const TOO_LARGE = "is larger than 5 MB: link the pull request and split the change";

/**
 * A unified diff of at most 5 MB that parses, reported with every other field's problem at once.
 * The same field for a new change and a new revision.
 */
export const diffField = z
  .string()
  .max(MAX_DIFF_BYTES + 1, TOO_LARGE)
  .superRefine((d, ctx) => {
    if (Buffer.byteLength(d) > MAX_DIFF_BYTES)
      return void ctx.addIssue({ code: "custom", message: TOO_LARGE });
    if (!d.trim()) return;
    try {
      parseUnifiedDiff(d);
    } catch (error) {
      if (!(error instanceof DiffError)) throw error;
      ctx.addIssue({ code: "custom", message: error.message });
    }
  })
  .optional()
  .transform((d) => (d && d.trim() ? d : undefined));

/** The commit a change or revision is (its branch's head), so a pipeline can ask the gate by it. */
export const commitField = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{7,64}$/, "must be a git commit id (7 to 64 hexadecimal characters)")
  .optional();

export const changeInputSchema = z
  .object({
    key: z
      .string()
      .regex(/^CR-\d+$/, "must be a change key such as CR-12")
      .optional(),
    submit: z.boolean().default(false),
    title: text(200).min(5, "must be at least 5 characters"),
    intent: text(10_000).default(""),
    repository: text(200).min(1, "is required"),
    prUrl: optionalUrl,
    baseRef: text(200).optional(),
    headRef: text(200).optional(),
    commit: commitField,
    diff: diffField,
    paths: gitPaths,
    linesChanged: z.number().int().min(0).max(10_000_000).optional(),
    coAuthors: z.array(handle).max(10, "at most 10 co-authors").default([]),
    aiExtent: z
      .enum(AI_EXTENTS, {
        message: "choose how much of the change an AI wrote: NONE, ASSISTED, GENERATED or AGENTIC",
      })
      // Required (there is no default: the author chooses); checked with the other fields so
      // that one answer names every problem.
      .optional(),
    aiTools: z.array(text(100).min(1)).max(10).default([]),
    aiSessionUrl: optionalUrl,
    aiWrote: text(5000).default(""),
    riskFlags: z.array(z.enum(RISK_FLAGS)).default([]),
    systems: z.array(slug).max(50).default([]),
    rollbackPlan: text(5000).default(""),
    testEvidence: text(5000).default(""),
    emergency: z.boolean().default(false),
    emergencyJustification: text(2000).default(""),
  })
  .strict()
  .superRefine((input, ctx) => {
    const need = (ok: boolean, path: string, message: string) =>
      ok || ctx.addIssue({ code: "custom", path: [path], message });
    need(
      input.aiExtent !== undefined,
      "aiExtent",
      "choose how much of the change an AI wrote: NONE, ASSISTED, GENERATED or AGENTIC",
    );
    if (!input.submit) return;
    need(
      input.intent.length > 0,
      "intent",
      "is required: say why this change is needed, in your own words",
    );
    need(
      input.intent.length === 0 || input.intent.length >= 20,
      "intent",
      "must be at least 20 characters: explain the why, not the what",
    );
    need(
      Boolean(input.diff) || input.paths.length > 0,
      "diff",
      "give the diff, or list the changed paths",
    );
    need(
      Boolean(input.diff) || input.linesChanged !== undefined,
      "linesChanged",
      "is required without a diff (how many lines change)",
    );
    need(
      input.aiExtent === undefined || input.aiExtent === "NONE" || input.aiTools.length > 0,
      "aiTools",
      "name the AI tool(s) used",
    );
    need(
      !["GENERATED", "AGENTIC"].includes(input.aiExtent ?? "") || input.aiWrote.length > 0,
      "aiWrote",
      "say which parts the AI wrote",
    );
    need(
      !input.emergency || input.emergencyJustification.length >= 20,
      "emergencyJustification",
      "is required for an emergency (at least 20 characters)",
    );
  })
  .transform((input) => ({ ...input, aiExtent: input.aiExtent! }));

export type ChangeInput = z.output<typeof changeInputSchema>;

/** The routing preview API (POST /api/v1/routing/preview). */
export const previewInputSchema = z
  .object({
    repository: text(200).min(1, "is required"),
    paths: gitPaths,
    diff: diffField,
    authorEmail: z.string().trim().toLowerCase().email("must be an e-mail address").optional(),
    aiExtent: z.enum(AI_EXTENTS, { message: "must be NONE, ASSISTED, GENERATED or AGENTIC" }),
    riskFlags: z.array(z.enum(RISK_FLAGS)).default([]),
    linesChanged: z.number().int().min(0).max(10_000_000).optional(),
    coAuthors: z.array(handle).max(10).default([]),
    systems: z.array(slug).max(50).default([]),
    emergency: z.boolean().default(false),
  })
  .strict();

export type PreviewInput = z.output<typeof previewInputSchema>;
