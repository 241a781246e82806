// Month partitions of the audit trail and the review facts (docs/decisions/0017-partitions-and-replicas.md):
// the worker makes sure this month and the next three exist, daily and when it starts. Rows that
// arrive for a month without a partition land in a DEFAULT partition and are moved on the next run.
import type pg from "pg";

export const PARTITIONED_TABLES = ["AuditEvent", "MetricChange", "MetricReview"] as const;

/** Creates the missing month partitions from `since` to three months ahead; returns how many. */
export async function ensurePartitions(pool: pg.Pool, since = new Date()): Promise<number> {
  const { rows } = await pool.query<{ made: number }>(
    `SELECT partitions_ensure($1::timestamptz) AS made`,
    [since],
  );
  return rows[0]!.made;
}

export interface PartitionInfo {
  table: (typeof PARTITIONED_TABLES)[number];
  partition: string;
  rows: number;
}

/** Each partition of the three tables with its row count (estimates are not enough for tests). */
export async function partitionRows(pool: pg.Pool): Promise<PartitionInfo[]> {
  const out: PartitionInfo[] = [];
  for (const table of PARTITIONED_TABLES) {
    const { rows } = await pool.query<{ partition: string }>(
      `SELECT c.relname AS partition FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = format('%I', $1::text)::regclass ORDER BY c.relname`,
      [table],
    );
    for (const { partition } of rows) {
      const count = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${partition.replace(/"/g, '""')}"`,
      );
      out.push({ table, partition, rows: count.rows[0]!.n });
    }
  }
  return out;
}
