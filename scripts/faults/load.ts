// The load the fault tests run: clients that submit changes through the API (with an
// Idempotency-Key) and seniors who approve them in the portal (a session, the same origin), each
// retrying what did not get an answer, as a pipeline or a browser does. Every answer is kept in a
// ledger, which the checks compare with the database (docs/decisions/0015-operations.md).
import { randomUUID } from "node:crypto";
import pg from "pg";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Submitted {
  /** The API token that sent it (a retry must come from the same person). */
  token: string;
  idempotencyKey: string;
  commit: string;
  body: Record<string, unknown>;
  key: string;
  /** Attempts until the answer; more than one means a retry got it. */
  attempts: number;
  replayed: boolean;
}

export interface Approved {
  change: string;
  reviewerId: string;
  attempts: number;
  repeated: boolean;
}

export interface Ledger {
  submitted: Submitted[];
  approved: Approved[];
  /** Requests that never got a 2xx before the retry deadline. */
  unanswered: { what: string; last: string }[];
  /** 5xx answers other than 503 (a 503 is the documented "try again"). */
  serverErrors: { what: string; status: number; body: string }[];
  retries: number;
  unavailable: number;
  /** The 503 answers' messages, counted. */
  unavailableMessages: Record<string, number>;
}

export const emptyLedger = (): Ledger => ({
  submitted: [],
  approved: [],
  unanswered: [],
  serverErrors: [],
  retries: 0,
  unavailable: 0,
  unavailableMessages: {},
});

export function changeBody(commit: string): Record<string, unknown> {
  return {
    submit: true,
    title: `Fault test change ${commit}`,
    intent: "Exercises the portal while its database or process is being killed.",
    repository: "acme/storefront",
    commit,
    aiExtent: "GENERATED",
    aiTools: ["Claude Code"],
    aiWrote: "The retry helper.",
    paths: ["apps/web/checkout/card-retry.ts"],
    linesChanged: 12,
  };
}

interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

/** Session cookies by person, shared by every client of a run (each person signs in once). */
const sessions = new Map<string, string>();

export class Client {
  constructor(
    readonly base: string,
    readonly token: string,
    private readonly ledger: Ledger,
    /** Keep retrying a request that got no answer until this long after it was first sent. */
    private readonly retryForMs: number,
  ) {}

  private async once(path: string, init: RequestInit): Promise<Answer | Error> {
    try {
      const response = await fetch(`${this.base}${path}`, {
        ...init,
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: response.status, body, headers: response.headers };
    } catch (error) {
      return error as Error;
    }
  }

  /** Sends until a definite answer (anything but no answer, 5xx or a key still in use). */
  async send(
    what: string,
    path: string,
    init: () => RequestInit,
  ): Promise<[Answer, number] | null> {
    const deadline = Date.now() + this.retryForMs;
    let last = "";
    for (let attempt = 1; Date.now() < deadline; attempt++) {
      if (attempt > 1) this.ledger.retries++;
      const answer = await this.once(path, init());
      if (answer instanceof Error) {
        last = `no answer: ${answer.message}`;
      } else if (answer.status >= 500) {
        if (answer.status === 503) {
          this.ledger.unavailable++;
          const message =
            (answer.body as { error?: { message?: string } })?.error?.message ?? "(no message)";
          this.ledger.unavailableMessages[message] =
            (this.ledger.unavailableMessages[message] ?? 0) + 1;
        } else
          this.ledger.serverErrors.push({
            what,
            status: answer.status,
            body: JSON.stringify(answer.body).slice(0, 300),
          });
        last = `${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`;
      } else if (
        answer.status === 409 &&
        /still being processed/.test(JSON.stringify(answer.body))
      ) {
        last = `409 ${JSON.stringify(answer.body).slice(0, 200)}`;
      } else {
        return [answer, attempt];
      }
      const retryAfter = Number(answer instanceof Error ? 0 : answer.headers.get("retry-after"));
      await sleep(Math.min(2000, retryAfter > 0 ? retryAfter * 1000 : 250 * attempt));
    }
    this.ledger.unanswered.push({ what, last });
    return null;
  }

  async submit(): Promise<Submitted | null> {
    const commit = randomUUID().replace(/-/g, "").slice(0, 12);
    const idempotencyKey = `fault-${commit}`;
    const body = changeBody(commit);
    const result = await this.send(`submit ${idempotencyKey}`, "/api/v1/changes", () => ({
      method: "POST",
      headers: {
        authorization: `Bearer ${this.token}`,
        "content-type": "application/json",
        "idempotency-key": idempotencyKey,
      },
      body: JSON.stringify(body),
    }));
    if (!result) return null;
    const [answer, attempts] = result;
    if (answer.status !== 201) {
      this.ledger.unanswered.push({
        what: `submit ${idempotencyKey}`,
        last: `${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`,
      });
      return null;
    }
    const submitted: Submitted = {
      token: this.token,
      idempotencyKey,
      commit,
      body,
      key: (answer.body as { key: string }).key,
      attempts,
      replayed: answer.headers.get("idempotent-replayed") === "true",
    };
    this.ledger.submitted.push(submitted);
    return submitted;
  }

  /** Asks the same again with the same key: the answer must name the same change. */
  async resubmit(submitted: Submitted): Promise<{ key: string; replayed: boolean } | null> {
    const result = await this.send(
      `resubmit ${submitted.idempotencyKey}`,
      "/api/v1/changes",
      () => ({
        method: "POST",
        headers: {
          authorization: `Bearer ${this.token}`,
          "content-type": "application/json",
          "idempotency-key": submitted.idempotencyKey,
        },
        body: JSON.stringify(submitted.body),
      }),
    );
    if (!result) return null;
    const [answer] = result;
    return {
      key: (answer.body as { key?: string }).key ?? `(status ${answer.status})`,
      replayed: answer.headers.get("idempotent-replayed") === "true",
    };
  }

  /** A demo-mode sign-in, as the sign-in page does it; the session cookie is kept. */
  private async session(userId: string): Promise<string | null> {
    const kept = sessions.get(`${this.base} ${userId}`);
    if (kept) return kept;
    const csrf = await this.send("sign-in", "/api/auth/csrf", () => ({}));
    if (!csrf) return null;
    const [first] = csrf;
    const csrfCookie = first.headers
      .getSetCookie()
      .map((c) => c.split(";")[0] ?? "")
      .join("; ");
    const signIn = await this.send("sign-in", "/api/auth/callback/demo", () => ({
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
      body: new URLSearchParams({
        csrfToken: (first.body as { csrfToken: string }).csrfToken,
        userId,
        callbackUrl: `${this.base}/`,
        json: "true",
      }).toString(),
    }));
    if (!signIn) return null;
    const cookie = signIn[0].headers
      .getSetCookie()
      .map((c) => c.split(";")[0] ?? "")
      .filter((c) => c.includes("session-token"))
      .join("; ");
    if (!cookie) return null;
    sessions.set(`${this.base} ${userId}`, cookie);
    return cookie;
  }

  async approve(change: string, reviewerId: string): Promise<Approved | null> {
    const cookie = await this.session(reviewerId);
    if (!cookie) {
      this.ledger.unanswered.push({ what: `sign-in ${reviewerId}`, last: "no session" });
      return null;
    }
    const result = await this.send(
      `approve ${change}`,
      `/api/v1/changes/${change}/reviews`,
      () => ({
        method: "POST",
        headers: { cookie, origin: new URL(this.base).origin, "content-type": "application/json" },
        body: JSON.stringify({
          revision: 1,
          decision: "APPROVE",
          attestation: "I read every line of the diff and the retry is bounded.",
        }),
      }),
    );
    if (!result) return null;
    const [answer, attempts] = result;
    if (answer.status !== 201 && answer.status !== 200) {
      this.ledger.unanswered.push({
        what: `approve ${change}`,
        last: `${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`,
      });
      return null;
    }
    const body = answer.body as { repeated?: boolean };
    const approved: Approved = {
      change,
      reviewerId,
      attempts,
      repeated: Boolean(body.repeated),
    };
    this.ledger.approved.push(approved);
    return approved;
  }
}

/** The open assignments of a change: whom to approve it as. */
export async function reviewersOf(pool: pg.Pool, change: string): Promise<string[]> {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      const { rows } = await pool.query<{ reviewerId: string }>(
        `SELECT a."reviewerId" FROM "Assignment" a JOIN "ChangeRequest" c ON c.id = a."changeId"
         WHERE c.key = $1 AND a.state = 'OPEN' ORDER BY a."assignedAt"`,
        [change],
      );
      return rows.map((r) => r.reviewerId);
    } catch {
      await sleep(500); // PostgreSQL is being killed: ask again
    }
  }
  return [];
}

/**
 * `clients` loops, each submitting a change and approving it as its first reviewer, until `until`
 * says stop. Returns how many loops finished.
 */
export async function runLoad(
  clients: Client[],
  pool: pg.Pool,
  until: () => boolean,
): Promise<number> {
  let loops = 0;
  await Promise.all(
    clients.map(async (client) => {
      while (!until()) {
        const submitted = await client.submit();
        if (submitted) {
          const [reviewer] = await reviewersOf(pool, submitted.key);
          if (reviewer) await client.approve(submitted.key, reviewer);
        }
        loops++;
      }
    }),
  );
  return loops;
}
