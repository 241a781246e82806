// Who the HTTP benchmark acts as: the demo senior with the fullest queue, a manager, an author for
// the API tokens, a seeded commit for the gate, and a signed-in reviewer for each approval it sends.
import pg from "pg";

export interface Picked {
  senior: { id: string; handle: string; open: number };
  manager: { id: string; handle: string };
  author: { id: string; email: string };
  gate: { repository: string; commit: string };
  change: string;
}

export async function pickPeople(pool: pg.Pool): Promise<Picked> {
  const one = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => {
    const { rows } = await pool.query<T>(sql, params);
    if (!rows[0]) throw new Error(`the benchmark found nothing for: ${sql.slice(0, 80)}`);
    return rows[0];
  };
  const senior = await one<{ id: string; handle: string; open: number }>(
    `SELECT u.id, u.handle, count(*)::int AS open FROM "Assignment" a JOIN "User" u ON u.id = a."reviewerId"
      WHERE a.state = 'OPEN' AND u.id LIKE 'demo-eng-%' GROUP BY u.id ORDER BY open DESC, u.id LIMIT 1`,
  );
  const manager = await one<{ id: string; handle: string }>(
    `SELECT id, handle FROM "User" WHERE 'ADMIN' = ANY(roles) AND 'MANAGER' = ANY(roles) ORDER BY id LIMIT 1`,
  );
  const author = await one<{ id: string; email: string }>(
    `SELECT id, email FROM "User" WHERE level = 'MID' AND id LIKE 'demo-eng-%' ORDER BY id LIMIT 1`,
  );
  const gate = await one<{ repository: string; commit: string }>(
    `SELECT r.name AS repository, v."commitSha" AS commit FROM "Revision" v
       JOIN "ChangeRequest" c ON c.id = v."changeId" JOIN "Repository" r ON r.id = c."repositoryId"
      WHERE v."commitSha" IS NOT NULL AND c.status = 'DEPLOYED' ORDER BY c.number DESC LIMIT 1`,
  );
  const change = await one<{ key: string }>(
    `SELECT c.key FROM "Assignment" a JOIN "ChangeRequest" c ON c.id = a."changeId"
      WHERE a."reviewerId" = $1 AND a.state = 'OPEN' ORDER BY c.number DESC LIMIT 1`,
    [senior.id],
  );
  return { senior, manager, author, gate, change: change.key };
}

/** A demo-mode sign-in, as the sign-in page does it; returns the session cookie. */
export async function demoSignIn(base: string, userId: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = (response: Response) =>
    response.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");
  const signIn = await fetch(`${base}/api/auth/callback/demo`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookies(csrf).join("; "),
    },
    body: new URLSearchParams({ csrfToken, userId, callbackUrl: `${base}/`, json: "true" }),
  });
  const session = cookies(signIn).find((c) => c.includes("session-token"));
  if (!session) throw new Error(`demo sign-in as ${userId} failed (${signIn.status})`);
  return session;
}

export interface Approval {
  key: string;
  revision: number;
  /** A risk-flagged change is approved with each flag's checklist item confirmed. */
  riskFlags: string[];
  cookie: string;
}

/**
 * One approval per pending change (its first open assignment to an owner of its system), each by
 * its reviewer signed in: the benchmark's approvals are real ones, as many as `cap`.
 */
export async function pendingApprovals(
  pool: pg.Pool,
  base: string,
  cap = 3000,
): Promise<Approval[]> {
  const { rows } = await pool.query<{
    key: string;
    revision: number;
    riskFlags: string[];
    reviewerId: string;
  }>(
    `SELECT DISTINCT ON (c.id) c.key, c."currentRevision" AS revision,
            coalesce(c."riskFlags", '{}')::text[] AS "riskFlags", a."reviewerId"
       FROM "ChangeRequest" c JOIN "Assignment" a ON a."changeId" = c.id AND a.state = 'OPEN'
      WHERE c.status = 'PENDING'
        AND EXISTS (SELECT 1 FROM "Requirement" r JOIN "SystemOwnership" o ON o."systemId" = r."systemId"
                     WHERE r."changeId" = c.id AND o."userId" = a."reviewerId")
      ORDER BY c.id, a."assignedAt", a."reviewerId" LIMIT $1`,
    [cap],
  );
  const cookies = new Map<string, string>();
  const reviewers = [...new Set(rows.map((r) => r.reviewerId))];
  for (let i = 0; i < reviewers.length; i += 8)
    await Promise.all(
      reviewers.slice(i, i + 8).map(async (id) => cookies.set(id, await demoSignIn(base, id))),
    );
  // Shuffled by change, so consecutive approvals rarely meet on one reviewer.
  return rows
    .map((r) => ({
      key: r.key,
      revision: r.revision,
      riskFlags: r.riskFlags,
      cookie: cookies.get(r.reviewerId)!,
    }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}
