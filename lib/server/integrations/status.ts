// Posting countersign/sign-off on a pull request's head commit (the job of the sign-off-status
// queue): the deploy gate's answer now, in the host's terms, linking to the change page. An
// answer already posted for this commit is not posted again; a host that is down fails the job,
// and the queue retries until it is back (the approval that caused it is long committed). It reads
// only once every event that asked for it has committed (./outbox.ts).
import { db } from "@/lib/db";
import { signOffStatus } from "@/lib/domain/integrations/sign-off-status";
import { mailConfig } from "@/lib/mail/config";
import { systemGate } from "@/lib/server/changes/api";
import { connectionHost, loadConnection } from "./connections";

export async function postSignOffStatus(pullRequestId: string): Promise<string> {
  // An event that asked for this status may still be committing, its own job dropped for this
  // one: wait for it (it holds this lock until it commits, ./outbox.ts), so the reads below see
  // what it wrote. Taken and let go in one statement.
  await db.$queryRaw`
    SELECT pg_advisory_xact_lock(hashtext('sign-off-status'), hashtext(${pullRequestId}))::text`;
  const pr = await db.pullRequest.findUnique({
    where: { id: pullRequestId },
    select: {
      id: true,
      integrationId: true,
      repository: true,
      projectId: true,
      installationId: true,
      number: true,
      headSha: true,
      needs: true,
      lastStatus: true,
      change: { select: { key: true, status: true } },
    },
  });
  if (!pr) return "the pull request is gone";
  const connection = await loadConnection(pr.integrationId);
  if (!connection?.active) return "the connection is gone or paused";
  const change = pr.change;
  const answer = change && change.status !== "DRAFT" ? await systemGate(change.key) : null;
  const needs =
    change?.status === "DRAFT" && pr.needs.length === 0
      ? ["submit the change in Countersign"]
      : pr.needs;
  const status = signOffStatus(answer, needs);
  const fingerprint = `${pr.headSha} ${status.state} ${status.description}`;
  if (fingerprint === pr.lastStatus) return "unchanged";
  const { publicUrl } = mailConfig();
  const targetUrl = change ? `${publicUrl}/changes/${change.key}` : `${publicUrl}/`;
  await connectionHost(connection, pr.installationId).postStatus(
    { repository: pr.repository, projectId: pr.projectId, number: pr.number },
    pr.headSha,
    { ...status, targetUrl },
  );
  await db.$queryRaw`UPDATE "PullRequest" SET "lastStatus" = ${fingerprint}, "lastStatusAt" = now()
                      WHERE id = ${pr.id} RETURNING id`;
  return fingerprint;
}
