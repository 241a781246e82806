// Each reviewer's current review load: open assignments, weighted by the changed lines of their
// change (reviewWeight, computed in SQL), and when they were last assigned anything.
import type { Db, Tx } from "@/lib/db";

export interface ReviewerLoad {
  openReviews: number;
  openLoad: number;
  lastAssignedAt: Date | null;
}

export async function reviewerLoads(
  db: Db | Tx,
  reviewerIds: string[],
): Promise<Map<string, ReviewerLoad>> {
  const result = new Map<string, ReviewerLoad>();
  if (reviewerIds.length === 0) return result;
  const rows = await db.$queryRaw<
    { reviewerId: string; open: bigint; load: number | null; last: Date | null }[]
  >`
    SELECT a."reviewerId",
           count(*) FILTER (WHERE a.state = 'OPEN') AS open,
           sum(1 + least(greatest(c."linesAdded" + c."linesRemoved", 0), 2000) / 250.0)
             FILTER (WHERE a.state = 'OPEN')::float8 AS load,
           max(a."assignedAt") AS last
      FROM "Assignment" a JOIN "ChangeRequest" c ON c.id = a."changeId"
     WHERE a."reviewerId" = ANY(${reviewerIds})
     GROUP BY a."reviewerId"`;
  for (const row of rows) {
    result.set(row.reviewerId, {
      openReviews: Number(row.open),
      openLoad: row.load ?? 0,
      lastAssignedAt: row.last,
    });
  }
  return result;
}
