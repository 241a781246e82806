// Backups of a configured PostgreSQL server with pg_dump (docs/decisions/0015-operations.md):
// pg_dump refuses a server newer than itself, so use one of the server's major version when the
// PATH has it, and say plainly when it does not (managed PostgreSQL backs itself up).
import { execFile, execFileSync } from "node:child_process";
import pg from "pg";

function toolMajor(tool: string): number | null {
  try {
    const out = execFileSync(tool, ["--version"]).toString();
    return Number(/(\d+)(?:\.\d+)?/.exec(out)?.[1] ?? NaN) || null;
  } catch {
    return null;
  }
}

async function serverMajor(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("SHOW server_version_num");
    return Math.floor(Number(rows[0]!.v) / 10_000);
  } finally {
    await client.end();
  }
}

function run(tool: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(tool, args, { maxBuffer: 64 * 1024 * 1024 }, (error, _out, stderr) =>
      error ? reject(new Error(`${tool}: ${stderr.trim() || error.message}`)) : resolve(),
    ),
  );
}

async function matchingTool(tool: "pg_dump" | "pg_restore", url: string): Promise<string> {
  const server = await serverMajor(url);
  const have = toolMajor(tool);
  if (have === null)
    throw new Error(
      `${tool} is not on the PATH: install the PostgreSQL ${server} client tools, or use your managed PostgreSQL's own backups`,
    );
  if (have < server)
    throw new Error(
      `${tool} ${have} cannot handle a PostgreSQL ${server} server: install the PostgreSQL ${server} client tools, or use your managed PostgreSQL's own backups`,
    );
  return tool;
}

export async function dumpWithMatchingPgDump(url: string, out: string, say: (l: string) => void) {
  const tool = await matchingTool("pg_dump", url);
  say(`pg_dump (custom format) to ${out}`);
  await run(tool, ["--format=custom", "--no-owner", "--file", out, "--dbname", url]);
  say(`wrote ${out}`);
}

export async function restoreDump(file: string, url: string, say: (l: string) => void) {
  const tool = await matchingTool("pg_restore", url);
  say(`pg_restore ${file} into ${new URL(url).pathname.slice(1)}`);
  await run(tool, ["--no-owner", "--exit-on-error", "--dbname", url, file]);
  say("restored; run audit verify against it");
}
