// What the submit page needs: a draft to continue (suggestions come from GET /api/v1/…).
import { db } from "@/lib/db";

/** The author's own draft, as form values; null when it is not theirs or not a draft. */
export async function draftValues(key: string, authorId: string) {
  const change = await db.changeRequest.findUnique({
    where: { key },
    include: {
      repository: { select: { name: true } },
      coAuthors: { select: { user: { select: { handle: true } } } },
      systems: { where: { source: "ADDED" }, select: { system: { select: { slug: true } } } },
      revisions: { where: { number: 1 }, select: { diff: true, paths: true, linesAdded: true } },
    },
  });
  if (!change || change.authorId !== authorId || change.status !== "DRAFT") return null;
  const revision = change.revisions[0];
  return {
    key: change.key,
    title: change.title,
    intent: change.intent,
    repository: change.repository.name,
    prUrl: change.prUrl ?? "",
    diff: revision?.diff ?? "",
    paths: revision?.diff ? "" : (revision?.paths ?? []).join("\n"),
    linesChanged: revision?.diff ? "" : String(revision?.linesAdded ?? ""),
    coAuthors: change.coAuthors.map((c) => c.user.handle),
    aiExtent: change.aiExtent,
    aiTools: change.aiTools.join(", "),
    aiSessionUrl: change.aiSessionUrl ?? "",
    aiWrote: change.aiWrote,
    riskFlags: change.riskFlags,
    systems: change.systems.map((s) => s.system.slug),
    rollbackPlan: change.rollbackPlan,
    testEvidence: change.testEvidence,
    emergency: change.emergency,
    emergencyJustification: change.emergencyJustification ?? "",
  };
}

export type DraftValues = NonNullable<Awaited<ReturnType<typeof draftValues>>>;
