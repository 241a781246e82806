// For tests: appends audit events through audit_append on a given pool, as record() does, so a
// test's chain grows on exactly the database it means.
import type pg from "pg";
import { canonicalAroundSeq } from "@/lib/domain/audit/chain";

/** Appends events through audit_append on this file's own connection, as record() does. */
export async function appendEvents(
  pool: pg.Pool,
  n: number,
  kind: { action: string; subjectType: string; payload: unknown } | null = null,
  at?: Date,
) {
  for (let i = 0; i < n; i++) {
    const event = {
      at: at ?? new Date(),
      actorType: "SYSTEM" as const,
      actorId: null,
      actorName: "anchor-test",
      action: kind?.action ?? "metrics.rebuilt",
      subjectType: kind?.subjectType ?? "metrics",
      subjectId: null,
      subjectLabel: null,
      changeKey: null,
      payload: kind?.payload ?? { changes: i, reviews: 0, differing: {} },
    };
    const { head, tail } = canonicalAroundSeq(event);
    await pool.query(
      `SELECT seq FROM audit_append($1::timestamptz, $2::"ActorType", $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12)`,
      [
        event.at,
        event.actorType,
        null,
        event.actorName,
        event.action,
        event.subjectType,
        null,
        null,
        null,
        JSON.stringify(event.payload),
        head,
        tail,
      ],
    );
  }
}
