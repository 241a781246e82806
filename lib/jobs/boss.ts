// The PostgreSQL-backed job queue (pg-boss). Jobs are sent inside the caller's transaction, so a
// notification's e-mail exists exactly when its change does, and a crash loses nothing; a worker
// (lib/jobs/worker.ts, run by `npm start`) sends them with retries and backoff.
import PgBoss from "pg-boss";
import type { Tx } from "@/lib/db";
import { databaseUrl } from "@/lib/env";

export const QUEUES = {
  email: "email",
  slaEscalation: "sla-escalation",
  /** A webhook delivery from a code host, processed (read through the host's API) with retries. */
  integrationEvent: "integration-event",
  /** The countersign/sign-off status of one pull request: at most one queued and one running. */
  signOffStatus: "sign-off-status",
  /** A Slack message or a signed webhook to an outbound endpoint. */
  outbound: "outbound",
  /** Signs the audit chain's head when enough events or minutes have passed. */
  auditCheckpoint: "audit-checkpoint",
  /** Creates the month partitions of the audit trail and the review facts ahead of time. */
  partitions: "partitions",
} as const;

const POLICIES: Partial<Record<string, PgBoss.QueuePolicy>> = {
  [QUEUES.signOffStatus]: "stately",
};

/** Code hosts come back within minutes: retry sooner and for longer than e-mail. */
const RETRIES: Partial<Record<string, Pick<PgBoss.Queue, "retryLimit" | "retryDelay">>> = {
  [QUEUES.integrationEvent]: { retryLimit: 20, retryDelay: 5 },
  [QUEUES.signOffStatus]: { retryLimit: 30, retryDelay: 5 },
  [QUEUES.outbound]: { retryLimit: 9, retryDelay: 5 },
};
export const SCHEMA = "pgboss";

const globalForBoss = globalThis as unknown as { countersignBoss?: Promise<PgBoss> };

/** A started pg-boss that only sends (no maintenance or cron in the web server's process). */
export function sender(): Promise<PgBoss> {
  globalForBoss.countersignBoss ??= (async () => {
    const boss = new PgBoss({
      connectionString: databaseUrl(),
      schema: SCHEMA,
      max: 2,
      supervise: false,
      schedule: false,
    });
    boss.on("error", (error) => console.error("pg-boss:", error));
    await boss.start();
    await ensureQueues(boss);
    return boss;
  })();
  return globalForBoss.countersignBoss;
}

export async function ensureQueues(boss: PgBoss) {
  for (const name of Object.values(QUEUES)) {
    if (!(await boss.getQueue(name))) {
      await boss.createQueue(name, {
        name,
        policy: POLICIES[name] ?? "standard",
        retryLimit: 8,
        retryDelay: 15,
        retryBackoff: true,
        expireInMinutes: 15,
        retentionDays: 7,
        ...RETRIES[name],
      });
    }
  }
}

/**
 * Creates the job queue's schema, tables and queues as the database's owner, before the app starts:
 * the app's role may use them but not create tables (lib/db/roles.ts).
 */
export async function installJobSchema(ownerUrl: string): Promise<void> {
  const boss = new PgBoss({
    connectionString: ownerUrl,
    schema: SCHEMA,
    max: 1,
    supervise: false,
    schedule: false,
  });
  boss.on("error", () => {});
  await boss.start();
  try {
    await ensureQueues(boss);
  } finally {
    await boss.stop({ graceful: false, timeout: 1000 });
  }
}

/** pg-boss's SQL run on the caller's Prisma transaction. */
export function onTransaction(tx: Tx): PgBoss.Db {
  return {
    executeSql: async (text, values) => ({
      rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values),
    }),
  };
}

export async function enqueue(
  tx: Tx,
  queue: string,
  data: object,
  options: PgBoss.SendOptions = {},
): Promise<void> {
  const boss = await sender();
  await boss.send(queue, data, { ...options, db: onTransaction(tx) });
}
