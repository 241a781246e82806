// The hash chain: each event's hash is SHA-256 over the previous hash and the RFC 8785 canonical
// JSON of the event's fields. Pure; the writer and the verifier share it.
import { hash } from "node:crypto";
import canonicalize from "canonicalize";
import type { ActorType } from "./events";

export const GENESIS_HASH = "0".repeat(64);

/** The fields a hash covers, exactly as stored. */
export interface ChainedEvent {
  seq: number;
  at: Date;
  actorType: ActorType;
  actorId: string | null;
  actorName: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  subjectLabel: string | null;
  changeKey: string | null;
  payload: unknown;
}

// JSON.stringify of a string, skipping the call for the common string that needs no escaping
// (JSON.stringify escapes only quotes, backslashes, control characters and lone surrogates).
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const j = (value: string | null): string =>
  value === null ? "null" : NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;

function canonicalPayload(payload: unknown): string {
  const text = canonicalize(payload ?? null);
  if (text === undefined) throw new Error("audit payload is not JSON-serialisable");
  return text;
}

/**
 * The RFC 8785 canonical JSON of an event. The payload, the only free-form part, is canonicalised
 * by the `canonicalize` library; the envelope around it has fixed keys, written here already in
 * canonical (sorted) order with JSON.stringify for its strings, as RFC 8785 specifies. A test
 * checks the result equals canonicalize() of the whole event. Written out because `audit verify`
 * hashes every event, and this is twice as fast as canonicalising the envelope as well.
 */
export function canonicalEvent(event: ChainedEvent): string {
  const { head, tail } = canonicalAroundSeq(event);
  return head + String(event.seq) + tail;
}

/** The canonical JSON split around the sequence number, which only the database assigns (audit_append). */
export function canonicalAroundSeq(event: Omit<ChainedEvent, "seq">): {
  head: string;
  tail: string;
} {
  const head =
    `{"action":${j(event.action)},"actor":{"id":${j(event.actorId)},"name":${j(event.actorName)},"type":${j(event.actorType)}},` +
    `"at":${j(event.at.toISOString())},"changeKey":${j(event.changeKey)},"payload":${canonicalPayload(event.payload)},"seq":`;
  const tail = `,"subject":{"id":${j(event.subjectId)},"label":${j(event.subjectLabel)},"type":${j(event.subjectType)}}}`;
  return { head, tail };
}

export function hashEvent(prevHash: string, event: ChainedEvent): string {
  return hash("sha256", prevHash + canonicalEvent(event), "hex");
}

/**
 * PostgreSQL's jsonb cannot hold U+0000, and a value must read back exactly as it was hashed:
 * replace NUL characters and drop what JSON cannot carry (undefined, functions), so the stored
 * payload and the hashed payload are the same value.
 */
export function storablePayload(payload: unknown): unknown {
  return JSON.parse(
    JSON.stringify(payload ?? null, (_key, value) =>
      typeof value === "string" ? value.replace(/\u0000/g, "\uFFFD") : value,
    ),
  );
}

export interface StoredEvent extends ChainedEvent {
  prevHash: string;
  hash: string;
}

export type ChainProblem = { seq: number; problem: string };

/**
 * Checks one event against the one before it (null for the first). Returns the problem, or null.
 * Streaming callers keep only the previous event, so verifying never holds the table in memory.
 */
export function checkLink(
  previous: { seq: number; hash: string } | null,
  event: StoredEvent,
): ChainProblem | null {
  const expectedSeq = previous ? previous.seq + 1 : 1;
  if (event.seq !== expectedSeq) {
    return { seq: event.seq, problem: `sequence gap: expected ${expectedSeq}, found ${event.seq}` };
  }
  const expectedPrev = previous ? previous.hash : GENESIS_HASH;
  if (event.prevHash !== expectedPrev) {
    return {
      seq: event.seq,
      problem: "previous hash does not match the hash of the event before it",
    };
  }
  if (hashEvent(event.prevHash, event) !== event.hash) {
    return {
      seq: event.seq,
      problem: "hash does not match the event's contents (the event was altered)",
    };
  }
  return null;
}
