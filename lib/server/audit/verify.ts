// Recomputes the whole chain, streaming, and names the first broken sequence number.
import type pg from "pg";
import { checkLink, type ChainProblem } from "@/lib/domain/audit/chain";
import { readEvents } from "./read";

export type VerifyResult =
  { ok: true; events: number } | ({ ok: false; events: number } & ChainProblem);

export async function verifyChain(pool: pg.Pool): Promise<VerifyResult> {
  let previous: { seq: number; hash: string } | null = null;
  let events = 0;
  for await (const batch of readEvents(pool)) {
    for (const event of batch) {
      const problem = checkLink(previous, event);
      if (problem) return { ok: false, events, ...problem };
      previous = { seq: event.seq, hash: event.hash };
      events++;
    }
  }
  return { ok: true, events };
}

export function describeVerify(result: VerifyResult): string {
  return result.ok
    ? `ok ${result.events} events`
    : `broken at seq ${result.seq}: ${result.problem}`;
}
