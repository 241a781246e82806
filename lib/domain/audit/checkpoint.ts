// Signed heads of the audit chain, as Certificate Transparency signs its tree heads
// (docs/decisions/0015-operations.md). A checkpoint is Ed25519 over a short text naming the head's
// sequence number, hash and time. Whoever can rewrite the database can recompute every later hash,
// but cannot sign: a rewritten chain disagrees with the checkpoints taken before the rewrite.
// The message is plain text so that an auditor can check a signature with `openssl pkeyutl`.
import { createHash, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import type { ChainProblem } from "./chain";

export interface ChainHead {
  seq: number;
  hash: string;
  at: Date;
}

export interface Checkpoint extends ChainHead {
  /** The first 16 hex digits of SHA-256 over the public key (SPKI DER). */
  keyId: string;
  /** Base64 Ed25519 signature over checkpointMessage(head). */
  signature: string;
}

export function checkpointMessage(head: ChainHead): string {
  return `countersign audit checkpoint v1\nseq ${head.seq}\nhash ${head.hash}\nat ${head.at.toISOString()}\n`;
}

export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === "private" ? createPublicKey(key) : key;
  const der = publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("hex").slice(0, 16);
}

export function signHead(head: ChainHead, privateKey: KeyObject): Checkpoint {
  const signature = sign(null, Buffer.from(checkpointMessage(head)), privateKey).toString("base64");
  return { ...head, keyId: keyIdOf(privateKey), signature };
}

/** Why a checkpoint cannot be trusted under `publicKey`, or null when its signature holds. */
export function checkpointSignatureProblem(
  checkpoint: Checkpoint,
  publicKey: KeyObject,
): string | null {
  if (checkpoint.keyId !== keyIdOf(publicKey))
    return `checkpoint at seq ${checkpoint.seq} was signed by key ${checkpoint.keyId}, not the verification key ${keyIdOf(publicKey)}`;
  const valid = verify(
    null,
    Buffer.from(checkpointMessage(checkpoint)),
    publicKey,
    Buffer.from(checkpoint.signature, "base64"),
  );
  return valid
    ? null
    : `checkpoint at seq ${checkpoint.seq} has a bad signature (forged or altered)`;
}

/**
 * Checks the chain, as it is now, against the signed heads. `hashAt` holds the stored hash of each
 * checkpointed seq (undefined: no such event). Returns the first disagreement: the event that no
 * longer matches its signed head, and the range in which the rewrite happened.
 */
export function checkpointProblem(
  checkpoints: Checkpoint[],
  hashAt: Map<number, string>,
  lastSeq: number,
): ChainProblem | null {
  const sorted = [...checkpoints].sort((a, b) => a.seq - b.seq);
  let lastGood = 0;
  for (const checkpoint of sorted) {
    const stored = hashAt.get(checkpoint.seq);
    if (stored === undefined) {
      return {
        seq: checkpoint.seq,
        problem: `the chain ends at seq ${lastSeq}, but a checkpoint signed ${checkpoint.at.toISOString()} covers seq ${checkpoint.seq}: events were removed`,
      };
    }
    if (stored !== checkpoint.hash) {
      return {
        seq: checkpoint.seq,
        problem: `disagrees with the checkpoint signed ${checkpoint.at.toISOString()}: an event in seq ${lastGood + 1}-${checkpoint.seq} was rewritten and the chain rehashed`,
      };
    }
    lastGood = checkpoint.seq;
  }
  return null;
}
