// Least privilege (docs/decisions/0015-operations.md): migrations run as the tables' owner; the
// app connects as a role that owns nothing and holds only the grants it needs. It may read and
// write the domain tables, append to the audit trail and its checkpoints, and work the job queue;
// it may not alter a table, disable a trigger, or update, delete or truncate an audit row.
import pg from "pg";
import { SCHEMA as JOBS_SCHEMA } from "@/lib/jobs/boss";

/** Tables the app appends to and never rewrites. */
const APPEND_ONLY = ['"AuditEvent"', '"AuditCheckpoint"'];

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** The grant statements for `role` on the current database (idempotent; run after migrations). */
export function appGrants(role: string, database: string): string[] {
  const r = ident(role);
  return [
    `REVOKE ALL ON DATABASE ${ident(database)} FROM ${r}`,
    `GRANT CONNECT, TEMPORARY ON DATABASE ${ident(database)} TO ${r}`,
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `REVOKE INSERT, UPDATE, DELETE ON "_prisma_migrations" FROM ${r}`,
    ...APPEND_ONLY.map((table) => `REVOKE UPDATE, DELETE ON ${table} FROM ${r}`),
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${r}`,
    `GRANT USAGE ON SCHEMA ${ident(JOBS_SCHEMA)} TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${ident(JOBS_SCHEMA)} TO ${r}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${ident(JOBS_SCHEMA)} TO ${r}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${ident(JOBS_SCHEMA)} TO ${r}`,
  ];
}

/** Grants `role` what the app needs on the owner's database (idempotent; run after migrations). */
export async function grantApp(ownerUrl: string, role: string): Promise<void> {
  await withClient(ownerUrl, async (client) => {
    const { rows } = await client.query<{ name: string }>("SELECT current_database() AS name");
    await client.query("BEGIN");
    try {
      for (const statement of appGrants(role, rows[0]!.name)) await client.query(statement);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
  });
}

/**
 * Creates `role` (LOGIN and nothing else) when missing, sets its password, grants it what the
 * app needs, and returns the app's connection URL: the owner's, with the role and its password.
 */
export async function ensureAppRole(
  ownerUrl: string,
  role: string,
  password: string,
): Promise<string> {
  await withClient(ownerUrl, async (client) => {
    const { rows } = await client.query<{ exists: boolean }>(
      "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists",
      [role],
    );
    const verb = rows[0]!.exists ? "ALTER" : "CREATE";
    await client.query(
      `${verb} ROLE ${ident(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${literal(password)}`,
    );
  });
  await grantApp(ownerUrl, role);
  const url = new URL(ownerUrl);
  url.username = encodeURIComponent(role);
  url.password = encodeURIComponent(password);
  return url.toString();
}

/** What a role may do that the app's role must not: own tables or bypass every check. */
export async function privilegeProblems(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ superuser: boolean; owns: number }>(
      `SELECT r.rolsuper AS superuser,
              (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND pg_has_role(current_user, c.relowner, 'USAGE')) AS owns
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    const problems: string[] = [];
    if (rows[0]?.superuser) problems.push("is a superuser");
    if (rows[0] && rows[0].owns > 0)
      problems.push(`owns ${rows[0].owns} tables (it could disable the audit trail's triggers)`);
    return problems;
  });
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The role a connection URL logs in as. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}
