// Upkeep of the dashboard's derived tables (migration metrics_rollups): compare them with a fresh
// computation from the base tables, and rebuild them. Database triggers keep them in step on
// every write; these are for operators (after a bulk load with the triggers off, or to prove it).
import type { Actor } from "@/lib/domain/actor";
import { db } from "@/lib/db";

import { mutate } from "@/lib/server/audit/mutate";

/** Rows of each derived table that differ from a fresh computation (all zero when in step). */
export async function checkMetricFacts(): Promise<Record<string, number>> {
  const rows = await db.$queryRaw<{ relation: string; differing: bigint }[]>`
    SELECT relation, differing FROM metric_check()`;
  return Object.fromEntries(rows.map((r) => [r.relation, Number(r.differing)]));
}

/** Recomputes every fact and rollup in one transaction, recorded in the audit trail. */
export async function rebuildMetricFacts(actor: Actor) {
  const differing = await checkMetricFacts();
  return mutate(
    actor,
    async (tx) => {
      await tx.$executeRaw`SET LOCAL maintenance_work_mem = '256MB'`;
      await tx.$executeRaw`SELECT metric_rebuild()`;
      const [counts] = await tx.$queryRaw<{ changes: number; reviews: number }[]>`
        SELECT (SELECT count(*)::int FROM "MetricChange" WHERE scope = 'all') AS changes,
          (SELECT count(*)::int FROM "MetricReview" WHERE scope = 'all') AS reviews`;
      const result = { changes: counts!.changes, reviews: counts!.reviews, differing };
      return {
        result,
        event: {
          action: "metrics.rebuilt",
          subjectType: "metrics",
          subjectLabel: "dashboard facts",
          payload: result,
        },
      };
    },
    { timeout: 3_600_000 },
  );
}
