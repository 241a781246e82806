// What the fault tests compare after each fault: the ledger of acknowledged requests against the
// database, and the database against itself (nothing half-written, no audit gap).
import type pg from "pg";
import type { Ledger } from "./load";

export interface Findings {
  problems: string[];
  counts: Record<string, number>;
}

export async function checkLedger(pool: pg.Pool, ledger: Ledger): Promise<Findings> {
  const problems: string[] = [];
  const keys = ledger.submitted.map((s) => s.key);
  const { rows: changes } = await pool.query<{
    key: string;
    commit: string | null;
    submitted: boolean;
  }>(
    `SELECT c.key, r."commitSha" AS commit,
            EXISTS (SELECT 1 FROM "AuditEvent" e
                    WHERE e."changeKey" = c.key AND e.action = 'change.submitted') AS submitted
     FROM "ChangeRequest" c LEFT JOIN "Revision" r ON r."changeId" = c.id AND r.number = 1
     WHERE c.key = ANY($1)`,
    [keys],
  );
  const byKey = new Map(changes.map((c) => [c.key, c]));
  for (const s of ledger.submitted) {
    const row = byKey.get(s.key);
    if (!row)
      problems.push(`acknowledged submit ${s.idempotencyKey} (${s.key}) is not in the database`);
    else if (row.commit !== s.commit)
      problems.push(`${s.key}: revision 1 has commit ${row.commit}, the request sent ${s.commit}`);
    else if (!row.submitted) problems.push(`${s.key} has no change.submitted audit event`);
  }
  const { rows: reviews } = await pool.query<{ key: string; reviewerId: string; audited: boolean }>(
    `SELECT c.key, v."reviewerId",
            EXISTS (SELECT 1 FROM "AuditEvent" e
                    WHERE e."changeKey" = c.key AND e.action = 'review.submitted'
                      AND e."actorId" = v."reviewerId") AS audited
     FROM "Review" v JOIN "ChangeRequest" c ON c.id = v."changeId"
     WHERE c.key = ANY($1) AND v.decision = 'APPROVE'`,
    [ledger.approved.map((a) => a.change)],
  );
  for (const a of ledger.approved) {
    const row = reviews.find((r) => r.key === a.change && r.reviewerId === a.reviewerId);
    if (!row) problems.push(`acknowledged approval of ${a.change} is not in the database`);
    else if (!row.audited) problems.push(`approval of ${a.change} has no review.submitted event`);
  }
  for (const u of ledger.unanswered) problems.push(`never answered: ${u.what} (last: ${u.last})`);
  for (const e of ledger.serverErrors) problems.push(`${e.status} from ${e.what}: ${e.body}`);
  return {
    problems,
    counts: {
      "submits acknowledged": ledger.submitted.length,
      "approvals acknowledged": ledger.approved.length,
      "answered only after a retry": [...ledger.submitted, ...ledger.approved].filter(
        (x) => x.attempts > 1,
      ).length,
      "retries sent": ledger.retries,
      "503 answers (try again)": ledger.unavailable,
      "replayed by Idempotency-Key": ledger.submitted.filter((s) => s.replayed).length,
    },
  };
}

/** Nothing half-written: every change whole, every review audited, no duplicate of a request. */
export async function checkIntegrity(pool: pg.Pool): Promise<Findings> {
  const problems: string[] = [];
  const one = async (sql: string) => Number((await pool.query<{ n: string }>(sql)).rows[0]!.n);
  const noRevision = await one(
    `SELECT count(*) AS n FROM "ChangeRequest" c
     WHERE NOT EXISTS (SELECT 1 FROM "Revision" r WHERE r."changeId" = c.id)`,
  );
  if (noRevision) problems.push(`${noRevision} changes have no revision`);
  const unaudited = await one(
    `SELECT count(*) AS n FROM "ChangeRequest" c
     WHERE c.status <> 'DRAFT' AND c.title LIKE 'Fault test change %'
       AND NOT EXISTS (SELECT 1 FROM "AuditEvent" e
                       WHERE e."changeKey" = c.key AND e.action = 'change.submitted')`,
  );
  if (unaudited) problems.push(`${unaudited} submitted changes have no change.submitted event`);
  const unroutedd = await one(
    `SELECT count(*) AS n FROM "ChangeRequest" c
     WHERE c.status = 'PENDING' AND c.title LIKE 'Fault test change %'
       AND NOT EXISTS (SELECT 1 FROM "Requirement" q WHERE q."changeId" = c.id)`,
  );
  if (unroutedd) problems.push(`${unroutedd} pending changes have no requirement (half-routed)`);
  const reviewsUnaudited = await one(
    `SELECT count(*) AS n FROM "Review" v JOIN "ChangeRequest" c ON c.id = v."changeId"
     WHERE c.title LIKE 'Fault test change %'
       AND NOT EXISTS (SELECT 1 FROM "AuditEvent" e
                       WHERE e."changeKey" = c.key AND e.action = 'review.submitted'
                         AND e."actorId" = v."reviewerId")`,
  );
  if (reviewsUnaudited) problems.push(`${reviewsUnaudited} reviews have no audit event`);
  const duplicates = await one(
    `SELECT count(*) AS n FROM (SELECT title FROM "ChangeRequest"
       WHERE title LIKE 'Fault test change %' GROUP BY title HAVING count(*) > 1) d`,
  );
  if (duplicates)
    problems.push(`${duplicates} requests were done twice (same commit, two changes)`);
  const gaps = await pool.query<{ n: string; low: string; high: string }>(
    `SELECT count(*) AS n, min(seq) AS low, max(seq) AS high FROM "AuditEvent"`,
  );
  const { n, low, high } = gaps.rows[0]!;
  if (Number(n) !== Number(high) - Number(low) + 1)
    problems.push(`audit trail has gaps: ${n} events between seq ${low} and ${high}`);
  return {
    problems,
    counts: {
      "fault-test changes in the database": await one(
        `SELECT count(*) AS n FROM "ChangeRequest" WHERE title LIKE 'Fault test change %'`,
      ),
      "audit events": Number(n),
    },
  };
}

/** Waits until `query` succeeds against PostgreSQL (it may be restarting). */
export async function settled(pool: pg.Pool, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await pool.query("SELECT 1");
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
