// Changes as the pipeline API reads them (GET /api/v1/changes, /changes/{key}, the gate): plain
// JSON, no page-only fields. Reads only; the gate answers from the same approval state as the
// change page and "Mark deployed" (lib/domain/gate/gate.ts).
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { readerFor } from "@/lib/db/reader";
import { gate, type GateAnswer } from "@/lib/domain/gate/gate";
import { STATUSES } from "@/lib/domain/lifecycle/lifecycle";
import type { Viewer } from "@/lib/domain/changes/people";
import { notFound } from "@/lib/errors";
import { dateTime } from "@/lib/validation";
import { commitField, handle, slug } from "./input";
import {
  approvalProgress,
  assertMaySee,
  blockingReviewers,
  currentApprovalState,
  loadContext,
  lockChange,
  type ChangeContext,
} from "./context";

export const changeKeySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^CR-\d{1,9}$/, "must be a change key such as CR-12");

export const listChangesQuerySchema = z
  .object({
    status: z.enum(STATUSES).optional(),
    author: handle.optional(),
    system: slug.optional(),
    repository: z.string().trim().min(1).max(200).optional(),
    updatedSince: dateTime.optional(),
    cursor: z
      .string()
      .regex(/^[1-9]\d{0,9}$/, "must be the nextCursor of the previous page")
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const changeSummarySchema = z.object({
  key: z.string(),
  title: z.string(),
  status: z.enum(STATUSES),
  author: z.string().meta({ description: "The author's handle" }),
  repository: z.string(),
  aiExtent: z.string(),
  emergency: z.boolean(),
  revision: z.number().int(),
  systems: z.array(z.string()),
  url: z.string(),
  updatedAt: z.string(),
});

export const changeListSchema = z.object({
  changes: z.array(changeSummarySchema),
  nextCursor: z.string().nullable(),
});

const summarySelect = {
  key: true,
  number: true,
  title: true,
  status: true,
  aiExtent: true,
  emergency: true,
  currentRevision: true,
  updatedAt: true,
  author: { select: { handle: true } },
  repository: { select: { name: true } },
  systems: { select: { system: { select: { slug: true } } } },
} as const;

type SummaryRow = Prisma.ChangeRequestGetPayload<{ select: typeof summarySelect }>;

const summary = (c: SummaryRow) => ({
  key: c.key,
  title: c.title,
  status: c.status,
  author: c.author.handle,
  repository: c.repository.name,
  aiExtent: c.aiExtent,
  emergency: c.emergency,
  revision: c.currentRevision,
  systems: c.systems.map((s) => s.system.slug).sort(),
  url: `/changes/${c.key}`,
  updatedAt: c.updatedAt.toISOString(),
});

/** Changes newest first, filtered; drafts only the viewer's own (or every draft for an admin). */
export async function listChangesForApi(
  viewer: Viewer,
  query: z.output<typeof listChangesQuerySchema>,
) {
  const mayReadDrafts = viewer.roles.includes("ADMIN");
  const where: Prisma.ChangeRequestWhereInput = {
    AND: [
      mayReadDrafts
        ? {}
        : {
            OR: [
              { status: { not: "DRAFT" } },
              { authorId: viewer.id },
              { coAuthors: { some: { userId: viewer.id } } },
            ],
          },
      query.status ? { status: query.status } : {},
      query.author ? { author: { handle: query.author } } : {},
      query.system ? { systems: { some: { system: { slug: query.system } } } } : {},
      query.repository ? { repository: { name: query.repository } } : {},
      query.updatedSince ? { updatedAt: { gte: query.updatedSince } } : {},
      query.cursor ? { number: { lt: Number(query.cursor) } } : {},
    ],
  };
  const rows = await db.changeRequest.findMany({
    where,
    orderBy: { number: "desc" },
    take: query.limit + 1,
    select: summarySelect,
  });
  const page = rows.slice(0, query.limit);
  return {
    changes: page.map(summary),
    nextCursor: rows.length > query.limit ? String(page[page.length - 1]!.number) : null,
  };
}

export const gateSchema = z.object({
  key: z.string(),
  allowed: z.boolean(),
  status: z.enum(STATUSES),
  reason: z.string(),
  unmet: z.array(
    z.object({
      system: z.string(),
      needed: z.number().int(),
      have: z.number().int(),
      level: z
        .string()
        .meta({ description: "the level an approval must have: SENIOR+ or PRINCIPAL" }),
      why: z.string(),
    }),
  ),
  freeze: z.object({ active: z.boolean(), systems: z.array(z.string()) }),
  emergency: z.boolean(),
  revision: z.number().int(),
});

/** May the change ship now? `askedRevision` when the pipeline asked by the commit of a revision. */
export async function changeGate(
  viewer: Viewer,
  key: string,
  askedRevision: number | null = null,
): Promise<GateAnswer> {
  const change = await lockChange(db, key, { lock: false });
  const ctx = await loadContext(db, change);
  assertMaySee(ctx, viewer);
  return gateOf(ctx, askedRevision);
}

/** The gate's answer for the portal's own jobs (the sign-off status): no viewer to check. */
export async function systemGate(key: string): Promise<GateAnswer> {
  const change = await lockChange(db, key, { lock: false });
  return gateOf(await loadContext(db, change));
}

function gateOf(ctx: ChangeContext, askedRevision: number | null = null): GateAnswer {
  const names = new Map(ctx.reviews.map((r) => [r.reviewerId, r.name]));
  return gate({
    key: ctx.change.key,
    status: ctx.change.status,
    emergency: ctx.change.emergency,
    currentRevision: ctx.change.currentRevision,
    askedRevision,
    requirements: currentApprovalState(ctx).views,
    blockedBy: blockingReviewers(ctx.reviews).map((r) => `@${r.handle}`),
    nameOf: (id) => names.get(id) ?? "",
  });
}

export const gateByCommitQuerySchema = z
  .object({
    repository: z.string().trim().min(1, "is required").max(200),
    commit: commitField.unwrap(),
  })
  .strict();

/**
 * The gate for the change whose revision is this commit (a full id, or an unambiguous prefix of
 * at least 7). The newest such change answers; a commit of an older revision is not allowed.
 */
export async function gateByCommit(
  viewer: Viewer,
  query: z.output<typeof gateByCommitQuerySchema>,
): Promise<GateAnswer> {
  // One prepared statement (pipelines poll this). The range is one the commit index answers under
  // any collation (hexadecimal digits sort before "g" in all of them); the prefix test keeps it
  // exact. `LIKE 'prefix%'` alone cannot use a default-collation index, and walked every change
  // (docs/decisions/0016-scale.md). The commit is hexadecimal: no LIKE wildcards.
  const revisions = await readerFor(db).query<{ number: number; key: string }>(
    "gate-by-commit",
    `SELECT v.number, c.key FROM "Revision" v
       JOIN "ChangeRequest" c ON c.id = v."changeId" JOIN "Repository" r ON r.id = c."repositoryId"
      WHERE v."commitSha" >= $1 AND v."commitSha" < $1 || 'g' AND v."commitSha" LIKE $1 || '%'
        AND r.name = $2 AND c.status <> 'DRAFT'
      ORDER BY c.number DESC, v.number DESC LIMIT 2`,
    [query.commit, query.repository],
  );
  const found = revisions[0];
  if (!found)
    throw notFound(
      `No change in ${query.repository} names commit ${query.commit}. Submit it first (npm run -s cli -- submit).`,
    );
  return changeGate(viewer, found.key, found.number);
}

/** One change with its requirements and their progress, reviewers, revision and gate. */
export async function changeForApi(viewer: Viewer, key: string) {
  const change = await lockChange(db, key, { lock: false });
  const ctx = await loadContext(db, change);
  assertMaySee(ctx, viewer);
  const row = await db.changeRequest.findUniqueOrThrow({
    where: { id: change.id },
    select: {
      ...summarySelect,
      intent: true,
      prUrl: true,
      aiTools: true,
      riskFlags: true,
      submittedAt: true,
      deployedAt: true,
      revisions: {
        where: { number: change.currentRevision },
        select: {
          number: true,
          commitSha: true,
          paths: true,
          linesAdded: true,
          linesRemoved: true,
        },
      },
      assignments: {
        orderBy: { assignedAt: "asc" },
        select: { state: true, reviewer: { select: { handle: true, name: true, level: true } } },
      },
      deployments: {
        orderBy: { at: "desc" },
        take: 20,
        select: { kind: true, environment: true, commitSha: true, at: true },
      },
    },
  });
  const progress = new Map(approvalProgress(ctx).map((p) => [p.systemSlug, p.line]));
  const revision = row.revisions[0];
  return {
    ...summary(row),
    intent: row.intent,
    prUrl: row.prUrl,
    aiTools: row.aiTools,
    riskFlags: row.riskFlags,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    deployedAt: row.deployedAt?.toISOString() ?? null,
    currentRevision: {
      number: change.currentRevision,
      commit: revision?.commitSha ?? null,
      paths: revision?.paths.length ?? 0,
      linesAdded: revision?.linesAdded ?? 0,
      linesRemoved: revision?.linesRemoved ?? 0,
    },
    requirements: ctx.requirements.map((r) => ({
      system: r.systemSlug,
      approvalsRequired: r.approvalsRequired,
      minLevel: r.minLevel,
      principalRequired: r.principalRequired,
      frozen: r.frozen,
      progress: progress.get(r.systemSlug) ?? "",
    })),
    reviewers: row.assignments.map((a) => ({
      handle: a.reviewer.handle,
      name: a.reviewer.name,
      level: a.reviewer.level,
      state: a.state,
    })),
    reviews: ctx.reviews.map((r) => ({
      reviewer: r.handle,
      revision: r.revision,
      decision: r.decision,
      at: r.createdAt.toISOString(),
    })),
    deployments: row.deployments.map((d) => ({
      kind: d.kind,
      environment: d.environment,
      commit: d.commitSha,
      at: d.at.toISOString(),
    })),
    gate: gateOf(ctx),
  };
}
