// EXPLAIN ANALYZE of the queue's statements for one person (npm run bench found them slow):
// DATABASE_URL=... tsx scripts/bench/http/explain-queue.ts <userId>
import pg from "pg";
import { db } from "../../../lib/db.ts";
import { ownershipOf, queueFiltersSchema, queuePageSql } from "../../../lib/server/queue.ts";

const [userId] = process.argv.slice(2);
const user = await db.user.findUniqueOrThrow({ where: { id: userId! } });
const owns = await ownershipOf(user.id);
const sql = queuePageSql(user, owns, queueFiltersSchema.parse({}), 25);
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
// Numbered placeholders as Prisma writes them for PostgreSQL.
const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`, sql.values);
console.log(rows.map((r) => r["QUERY PLAN"]).join("\n"));
await client.end();
await db.$disconnect();
