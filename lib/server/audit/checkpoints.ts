// Anchoring the audit trail outside the database (docs/decisions/0015-operations.md): checkpoints
// sign the chain's head with an Ed25519 key that the database never sees, and go to an append-only
// log file and, when configured, to a webhook and an S3 bucket with object lock. `audit verify`
// then names a rewritten event even when every later hash was recomputed.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from "node:crypto";
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  fsyncSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import type pg from "pg";
import { z } from "zod";
import { signHead, type Checkpoint } from "@/lib/domain/audit/checkpoint";

export interface CheckpointConfig {
  signingKey: KeyObject;
  verifyKey: KeyObject;
  logFile: string;
  everyEvents: number;
  everyMinutes: number;
  webhookUrl: string | null;
  s3: { bucket: string; prefix: string; retainDays: number } | null;
}

const dataDir = (env: NodeJS.ProcessEnv) => path.resolve(env.COUNTERSIGN_DATA_DIR ?? ".data");
const signingKeyFile = (env: NodeJS.ProcessEnv) =>
  env.AUDIT_SIGNING_KEY_FILE ?? path.join(dataDir(env), "audit-signing-key.pem");
const logFileOf = (env: NodeJS.ProcessEnv) =>
  env.AUDIT_CHECKPOINT_LOG ?? path.join(dataDir(env), "audit-checkpoints.jsonl");

/** The signing key: AUDIT_SIGNING_KEY (PEM), AUDIT_SIGNING_KEY_FILE, or one generated once into the data dir. */
function loadSigningKey(env: NodeJS.ProcessEnv): KeyObject {
  if (env.AUDIT_SIGNING_KEY) return createPrivateKey(env.AUDIT_SIGNING_KEY);
  const file = signingKeyFile(env);
  if (!existsSync(/*turbopackIgnore: true*/ file)) {
    if (env.AUDIT_SIGNING_KEY_FILE)
      throw new Error(`AUDIT_SIGNING_KEY_FILE: ${file} does not exist`);
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }), {
      mode: 0o600,
      flag: "wx",
    });
    writeFileSync(
      file.replace(/\.pem$/, "") + ".pub.pem",
      publicKey.export({ type: "spki", format: "pem" }),
    );
  }
  return createPrivateKey(readFileSync(/*turbopackIgnore: true*/ file));
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export function checkpointConfig(env: NodeJS.ProcessEnv = process.env): CheckpointConfig {
  const signingKey = loadSigningKey(env);
  const verifyKey = env.AUDIT_VERIFY_KEY_FILE
    ? createPublicKey(readFileSync(env.AUDIT_VERIFY_KEY_FILE))
    : createPublicKey(signingKey);
  return {
    signingKey,
    verifyKey,
    logFile: logFileOf(env),
    everyEvents: positive(env.AUDIT_CHECKPOINT_EVERY_EVENTS, 1000),
    everyMinutes: positive(env.AUDIT_CHECKPOINT_EVERY_MINUTES, 10),
    webhookUrl: env.AUDIT_CHECKPOINT_WEBHOOK_URL || null,
    s3: env.AUDIT_CHECKPOINT_S3_BUCKET
      ? {
          bucket: env.AUDIT_CHECKPOINT_S3_BUCKET,
          prefix: env.AUDIT_CHECKPOINT_S3_PREFIX ?? "countersign/checkpoints/",
          retainDays: positive(env.AUDIT_CHECKPOINT_S3_RETAIN_DAYS, 2557),
        }
      : null,
  };
}

/**
 * What verifying needs, without ever generating a key (the web app only verifies): the public key
 * (AUDIT_VERIFY_KEY_FILE, else the signing key's public half when one exists) and the log file.
 * No key yet means no checkpoint was ever signed here: the chain is verified alone.
 */
export function verifyConfig(env: NodeJS.ProcessEnv = process.env): {
  verifyKey: KeyObject | null;
  logFile: string;
} {
  const logFile = logFileOf(env);
  if (env.AUDIT_VERIFY_KEY_FILE)
    return {
      verifyKey: createPublicKey(readFileSync(/*turbopackIgnore: true*/ env.AUDIT_VERIFY_KEY_FILE)),
      logFile,
    };
  if (env.AUDIT_SIGNING_KEY)
    return { verifyKey: createPublicKey(createPrivateKey(env.AUDIT_SIGNING_KEY)), logFile };
  const file = signingKeyFile(env);
  if (!existsSync(/*turbopackIgnore: true*/ file)) return { verifyKey: null, logFile };
  return {
    verifyKey: createPublicKey(createPrivateKey(readFileSync(/*turbopackIgnore: true*/ file))),
    logFile,
  };
}

export interface CheckpointRecord {
  seq: number;
  hash: string;
  at: string;
  keyId: string;
  signature: string;
}

const recordSchema = z.object({
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.iso.datetime(),
  keyId: z.string().min(1).max(64),
  signature: z.string().min(1).max(200),
});

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}

export const toRecord = (c: Checkpoint): CheckpointRecord => ({ ...c, at: c.at.toISOString() });
export const fromRecord = (r: CheckpointRecord): Checkpoint => ({
  ...r,
  seq: Number(r.seq),
  at: new Date(r.at),
});

/** Appends one line and forces it to disk before the checkpoint counts as taken. */
function appendToLog(file: string, checkpoint: Checkpoint) {
  mkdirSync(path.dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(toRecord(checkpoint))}\n`, { mode: 0o600 });
  const fd = openSync(file, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

async function sendToWebhook(url: string, checkpoint: Checkpoint) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      type: "countersign.audit.checkpoint",
      checkpoint: toRecord(checkpoint),
    }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`checkpoint webhook answered ${response.status}`);
}

/** One object per checkpoint, under object lock (COMPLIANCE) until the retention date. */
async function sendToS3(s3: NonNullable<CheckpointConfig["s3"]>, checkpoint: Checkpoint) {
  const { S3Client, PutObjectCommand } = await import("@aws-sdk/client-s3");
  const client = new S3Client({}); // region, credentials and endpoint from the AWS_* environment
  await client.send(
    new PutObjectCommand({
      Bucket: s3.bucket,
      Key: `${s3.prefix}${String(checkpoint.seq).padStart(20, "0")}.json`,
      Body: JSON.stringify(toRecord(checkpoint)),
      ContentType: "application/json",
      ChecksumAlgorithm: "SHA256",
      ObjectLockMode: "COMPLIANCE",
      ObjectLockRetainUntilDate: new Date(Date.now() + s3.retainDays * 86_400_000),
    }),
  );
}

async function head(pool: pg.Pool): Promise<{ seq: number; hash: string } | null> {
  const { rows } = await pool.query<{ seq: string; hash: string }>(
    // Ordered by the column, not the text it is read as ("9" sorts after "13").
    `SELECT e.seq::text AS seq, e.hash FROM "AuditEvent" e ORDER BY e.seq DESC LIMIT 1`,
  );
  return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : null;
}

async function lastCheckpoint(pool: pg.Pool): Promise<{ seq: number; createdAt: Date } | null> {
  const { rows } = await pool.query<{ seq: string; createdAt: Date }>(
    `SELECT c.seq::text AS seq, c."createdAt" FROM "AuditCheckpoint" c ORDER BY c.seq DESC LIMIT 1`,
  );
  return rows[0] ? { seq: Number(rows[0].seq), createdAt: rows[0].createdAt } : null;
}

/**
 * Signs the chain's head now and records it: the database, the log file (synced), then the sinks.
 * Returns null when the chain is empty or its head is already checkpointed.
 */
export async function takeCheckpoint(
  pool: pg.Pool,
  config: CheckpointConfig,
): Promise<Checkpoint | null> {
  const current = await head(pool);
  if (!current) return null;
  const last = await lastCheckpoint(pool);
  if (last && last.seq >= current.seq) return null;
  const checkpoint = signHead({ ...current, at: new Date() }, config.signingKey);
  const { rowCount } = await pool.query(
    `INSERT INTO "AuditCheckpoint" (seq, hash, at, "keyId", signature) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (seq) DO NOTHING`,
    [checkpoint.seq, checkpoint.hash, checkpoint.at, checkpoint.keyId, checkpoint.signature],
  );
  if (rowCount === 0) return null; // another instance took this head first
  appendToLog(config.logFile, checkpoint);
  if (config.webhookUrl) await sendToWebhook(config.webhookUrl, checkpoint);
  if (config.s3) await sendToS3(config.s3, checkpoint);
  return checkpoint;
}

/** A checkpoint when AUDIT_CHECKPOINT_EVERY_EVENTS events or _MINUTES minutes have passed. */
export async function checkpointIfDue(pool: pg.Pool, config: CheckpointConfig, now = new Date()) {
  const [current, last] = [await head(pool), await lastCheckpoint(pool)];
  if (!current) return null;
  const behind = current.seq - (last?.seq ?? 0);
  const minutes = last ? (now.getTime() - last.createdAt.getTime()) / 60_000 : Infinity;
  if (behind >= config.everyEvents || (behind > 0 && minutes >= config.everyMinutes))
    return takeCheckpoint(pool, config);
  return null;
}

/** The checkpoints an auditor trusts: the log file's and the database's (signatures checked later). */
export async function loadCheckpoints(
  pool: pg.Pool,
  logFile: string | null,
): Promise<Checkpoint[]> {
  const found = new Map<string, Checkpoint>();
  if (logFile && existsSync(logFile)) {
    for (const line of readFileSync(logFile, "utf8").split("\n")) {
      if (!line.trim()) continue;
      const parsed = recordSchema.safeParse(parseJson(line));
      if (!parsed.success) {
        // The database holds every checkpoint too; an unreadable line is reported, not fatal.
        console.warn(`${logFile}: an unreadable checkpoint line was skipped`);
        continue;
      }
      const checkpoint = fromRecord(parsed.data);
      found.set(`${checkpoint.seq}:${checkpoint.signature}`, checkpoint);
    }
  }
  for (const checkpoint of await storedCheckpoints(pool))
    found.set(`${checkpoint.seq}:${checkpoint.signature}`, checkpoint);
  return [...found.values()].sort((a, b) => a.seq - b.seq);
}

/** The checkpoints in the database, in seq order; with `range`, those between two seqs. */
export async function storedCheckpoints(
  pool: pg.Pool,
  range: { from: number; to: number } | null = null,
): Promise<Checkpoint[]> {
  const { rows } = await pool.query<{
    seq: string;
    hash: string;
    at: Date;
    keyId: string;
    signature: string;
  }>(
    `SELECT seq::text, hash, at, "keyId", signature FROM "AuditCheckpoint"
     WHERE $1::bigint IS NULL OR seq BETWEEN $1 AND $2 ORDER BY seq`,
    [range?.from ?? null, range?.to ?? null],
  );
  return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}
