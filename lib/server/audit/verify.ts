// Recomputes the whole chain, streaming, and names the first broken sequence number; then checks
// it against the signed checkpoints (lib/server/audit/checkpoints.ts), which name a rewrite even
// when every later hash was recomputed.
import type { KeyObject } from "node:crypto";
import type pg from "pg";
import { checkLink, type ChainProblem } from "@/lib/domain/audit/chain";
import {
  checkpointProblem,
  checkpointSignatureProblem,
  type Checkpoint,
} from "@/lib/domain/audit/checkpoint";
import { readEvents } from "./read";

export type VerifyResult =
  | { ok: true; events: number; checkpoints: number }
  | ({ ok: false; events: number; checkpoints: number } & ChainProblem);

export async function verifyChain(
  pool: pg.Pool,
  anchors: { checkpoints: Checkpoint[]; verifyKey: KeyObject } | null = null,
): Promise<VerifyResult> {
  const checkpoints = anchors?.checkpoints ?? [];
  for (const checkpoint of checkpoints) {
    const problem = checkpointSignatureProblem(checkpoint, anchors!.verifyKey);
    if (problem)
      return {
        ok: false,
        events: 0,
        checkpoints: checkpoints.length,
        seq: checkpoint.seq,
        problem,
      };
  }
  const wanted = new Set(checkpoints.map((c) => c.seq));
  const hashAt = new Map<number, string>();
  let previous: { seq: number; hash: string } | null = null;
  let events = 0;
  for await (const batch of readEvents(pool)) {
    for (const event of batch) {
      const problem = checkLink(previous, event);
      if (problem) return { ok: false, events, checkpoints: checkpoints.length, ...problem };
      if (wanted.has(event.seq)) hashAt.set(event.seq, event.hash);
      previous = { seq: event.seq, hash: event.hash };
      events++;
    }
  }
  const problem = checkpointProblem(checkpoints, hashAt, previous?.seq ?? 0);
  if (problem) return { ok: false, events, checkpoints: checkpoints.length, ...problem };
  return { ok: true, events, checkpoints: checkpoints.length };
}

export function describeVerify(result: VerifyResult): string {
  const signed = result.checkpoints ? `, ${result.checkpoints} signed checkpoints` : "";
  return result.ok
    ? `ok ${result.events} events${signed}`
    : `broken at seq ${result.seq}: ${result.problem}`;
}
