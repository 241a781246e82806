// A small plain-pg pool for streaming reads (audit verify and export), which read the table in
// keyset batches with raw SQL rather than through Prisma's row mapping.
import pg from "pg";
import { databaseUrl } from "@/lib/env";

const globalForPg = globalThis as unknown as { countersignPg?: pg.Pool };

export function pgPool(): pg.Pool {
  globalForPg.countersignPg ??= new pg.Pool({ connectionString: databaseUrl(), max: 4 });
  return globalForPg.countersignPg;
}

export async function closePgPool(): Promise<void> {
  await globalForPg.countersignPg?.end();
  globalForPg.countersignPg = undefined;
}
