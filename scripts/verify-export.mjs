#!/usr/bin/env node
// Verifies an NDJSON audit export offline, with nothing but Node.js (no packages, no database):
//   node scripts/verify-export.mjs <export.ndjson> <audit-signing-key.pub.pem>
// 1. every event's hash is SHA-256 over the previous hash and the event's RFC 8785 canonical JSON,
//    and each event names the hash of the one before it;
// 2. every checkpoint line is signed by the public key (Ed25519 over the text in README, "Audit
//    trail"), and the exported event at its seq has exactly the signed hash.
// The public key must come from the operator, not from the export. Deliberately independent of
// the portal's code, so an auditor can read all of it (docs/decisions/0015-operations.md).
import { createHash, createPublicKey, verify } from "node:crypto";
import { readFileSync } from "node:fs";

/** RFC 8785: object keys sorted by UTF-16 code units, ECMAScript number and string forms. */
function canonical(value) {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  return `{${Object.keys(value)
    .sort()
    .filter((k) => value[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
    .join(",")}}`;
}

const message = (c) =>
  `countersign audit checkpoint v1\nseq ${c.seq}\nhash ${c.hash}\nat ${c.at}\n`;

function main([exportFile, keyFile]) {
  if (!exportFile || !keyFile) {
    console.error("usage: node scripts/verify-export.mjs <export.ndjson> <public-key.pem>");
    return 2;
  }
  const key = createPublicKey(readFileSync(keyFile));
  const keyId = createHash("sha256")
    .update(key.export({ type: "spki", format: "der" }))
    .digest("hex")
    .slice(0, 16);
  const hashes = new Map();
  const checkpoints = [];
  const problems = [];
  let previous = null;
  const lines = readFileSync(exportFile, "utf8").split("\n");
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) continue;
    const record = JSON.parse(line);
    if (record.checkpoint) {
      checkpoints.push(record.checkpoint);
      continue;
    }
    const { prevHash, hash, ...event } = record;
    if (previous && (event.seq !== previous.seq + 1 || prevHash !== previous.hash))
      problems.push(`line ${i + 1}: seq ${event.seq} does not follow seq ${previous.seq}`);
    const computed = createHash("sha256")
      .update(prevHash + canonical(event))
      .digest("hex");
    if (computed !== hash) problems.push(`seq ${event.seq}: the hash does not match the event`);
    hashes.set(event.seq, hash);
    previous = { seq: event.seq, hash };
  }
  let signed = 0;
  for (const c of checkpoints) {
    if (c.keyId !== keyId) {
      problems.push(`checkpoint at seq ${c.seq}: signed by key ${c.keyId}, not ${keyId}`);
      continue;
    }
    if (!verify(null, Buffer.from(message(c)), key, Buffer.from(c.signature, "base64"))) {
      problems.push(`checkpoint at seq ${c.seq}: bad signature`);
      continue;
    }
    signed++;
    const exported = hashes.get(c.seq);
    if (exported !== undefined && exported !== c.hash)
      problems.push(
        `seq ${c.seq}: the export's hash differs from the signed checkpoint: the trail was rewritten at or before seq ${c.seq}`,
      );
  }
  for (const p of problems) console.log(`problem: ${p}`);
  console.log(
    `${hashes.size} events, ${signed} of ${checkpoints.length} checkpoints signed by ${keyId}: ${problems.length ? "NOT OK" : "ok"}`,
  );
  return problems.length ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
