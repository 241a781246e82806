// The job worker, run beside the web server by `npm start` (and by the browser tests): sends
// notification e-mail through SMTP with retries and backoff, and runs the SLA escalation every
// minute. Jobs live in PostgreSQL, so a crash or a slow SMTP server loses nothing.
import PgBoss from "pg-boss";
import nodemailer from "nodemailer";
import { mailConfig, mailEnabled } from "@/lib/mail/config";
import type { EmailJob } from "@/lib/server/notify";
import { escalateOverdue } from "@/lib/server/sla";
import { processDelivery } from "@/lib/server/integrations/deliveries";
import { postSignOffStatus } from "@/lib/server/integrations/status";
import { deliverOutbound } from "@/lib/server/integrations/outbound";
import { checkpointConfig, checkpointIfDue } from "@/lib/server/audit/checkpoints";
import { pgPool } from "@/lib/db/pg";
import { ensurePartitions } from "@/lib/server/partitions";
import { ensureQueues, QUEUES, SCHEMA } from "./boss";

/** SQLSTATE 57P01: the server is shutting down (or an administrator ended the session). */
const ADMIN_SHUTDOWN = "57P01";

export interface Worker {
  stop: () => Promise<void>;
}

export function mailTransport(env: NodeJS.ProcessEnv = process.env) {
  const config = mailConfig(env);
  return nodemailer.createTransport({
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    secure: config.SMTP_SECURE,
    auth: config.SMTP_USER
      ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD ?? "" }
      : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
}

export async function sendEmail(job: EmailJob, env: NodeJS.ProcessEnv = process.env) {
  const config = mailConfig(env);
  await mailTransport(env).sendMail({
    from: config.MAIL_FROM,
    to: job.to,
    subject: job.subject,
    text: job.text,
    ...(job.id ? { messageId: `<${job.id}@countersign>` } : {}),
    headers: {
      "X-Countersign-Link": job.link,
      ...(job.id ? { "X-Countersign-Mail": job.id } : {}),
    },
  });
}

export async function startWorker(
  connectionString: string,
  log: (line: string) => void = () => {},
): Promise<Worker> {
  const boss = new PgBoss({ connectionString, schema: SCHEMA, max: 4 });
  let lastShutdownNotice = 0;
  boss.on("error", (error) => {
    // PostgreSQL shutting down or restarting closes every connection at once: one line, not one
    // per connection; pg-boss reconnects by itself when the server is back.
    if ((error as { code?: string }).code === ADMIN_SHUTDOWN) {
      if (Date.now() - lastShutdownNotice < 60_000) return;
      lastShutdownNotice = Date.now();
      log("job queue: PostgreSQL closed the connections (shutting down or restarting)");
      return;
    }
    log(`job queue error: ${error.message}`);
  });
  await boss.start();
  await ensureQueues(boss);
  await boss.work<EmailJob>(
    QUEUES.email,
    { batchSize: 5, pollingIntervalSeconds: 1 },
    // Each message is settled on its own: a batch failed as a whole would send again the
    // messages before the one that failed (seen under the fault tests, npm run test:faults).
    async (jobs) => {
      for (const job of jobs) {
        try {
          await sendEmail(job.data);
        } catch (error) {
          await boss.fail(QUEUES.email, job.id, { message: (error as Error).message });
          continue;
        }
        await boss.complete(QUEUES.email, job.id);
      }
    },
  );
  // Integrations: one webhook delivery at a time (a pull request's events in order of arrival),
  // and the sign-off statuses (at most one running per pull request: the queue is stately).
  await boss.work<{ deliveryId: string }>(
    QUEUES.integrationEvent,
    { batchSize: 1, pollingIntervalSeconds: 1 },
    async ([job]) => {
      const result = await processDelivery(job!.data.deliveryId);
      log(`integration delivery: ${result.outcome.toLowerCase()}: ${result.detail}`);
    },
  );
  await boss.work<{ pullRequestId: string }>(
    QUEUES.signOffStatus,
    { batchSize: 1, pollingIntervalSeconds: 1 },
    async ([job]) => {
      await postSignOffStatus(job!.data.pullRequestId);
    },
  );
  await boss.work<{ deliveryId: string }>(
    QUEUES.outbound,
    { batchSize: 1, pollingIntervalSeconds: 1 },
    async ([job]) => {
      await deliverOutbound(job!.data.deliveryId);
    },
  );
  await boss.work(QUEUES.slaEscalation, async () => {
    const escalated = await escalateOverdue();
    if (escalated)
      log(`SLA escalation: ${escalated} overdue change${escalated === 1 ? "" : "s"} re-assigned`);
  });
  await boss.schedule(QUEUES.slaEscalation, "* * * * *");
  // Audit anchoring: every minute, a checkpoint when AUDIT_CHECKPOINT_EVERY_EVENTS events or
  // _MINUTES minutes have passed since the last (docs/decisions/0015-operations.md).
  const anchors = checkpointConfig();
  await boss.work(QUEUES.auditCheckpoint, async () => {
    const checkpoint = await checkpointIfDue(pgPool(), anchors);
    if (checkpoint) log(`audit checkpoint signed at seq ${checkpoint.seq}`);
  });
  await boss.schedule(QUEUES.auditCheckpoint, "* * * * *");
  // Month partitions three months ahead (docs/decisions/0017-partitions-and-replicas.md): daily,
  // and once now so a server that was down over a month's turn catches up before it is needed.
  const partitions = async () => {
    const made = await ensurePartitions(pgPool());
    if (made) log(`created ${made} month partition${made === 1 ? "" : "s"}`);
  };
  await boss.work(QUEUES.partitions, partitions);
  await boss.schedule(QUEUES.partitions, "17 3 * * *");
  await partitions().catch((error: Error) => log(`month partitions: ${error.message}`));
  log(`job worker running${mailEnabled() ? "" : " (no SMTP_HOST: notifications stay in-app)"}`);
  return { stop: () => boss.stop({ graceful: true, timeout: 5000 }) };
}
