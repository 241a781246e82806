// A bulk load for the benchmarks: one transaction with the dashboard's per-row fact maintenance
// off, then one metric_rebuild(), as the demo seed does (migration metrics_rollups).
import type { Db, Tx } from "../../lib/db.ts";

export async function bulkLoad(db: Db, work: (tx: Tx) => Promise<void>): Promise<void> {
  await db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL countersign.metrics = 'off'`);
      await tx.$executeRawUnsafe(`SET LOCAL maintenance_work_mem = '256MB'`);
      await work(tx);
      await tx.$executeRawUnsafe(`SELECT metric_rebuild()`);
    },
    { timeout: 3_600_000, maxWait: 60_000 },
  );
}
