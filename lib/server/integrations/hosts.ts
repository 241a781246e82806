// A code host as the integrations use it: read a pull request (its diff, files and commits) and
// post the countersign/sign-off commit status. GitHub (lib/server/integrations/github.ts) and
// GitLab (gitlab.ts) implement it; docs/decisions/0013-integrations.md says why only these calls.
import type { PullRequestSnapshot } from "@/lib/domain/integrations/pull-request";
import type { SignOffStatus } from "@/lib/domain/integrations/sign-off-status";

export interface PullRequestRef {
  /** The repository's name on the host ("owner/name", "group/project"). */
  repository: string;
  /** GitLab's project id (the name works too, URL-encoded). */
  projectId?: string | null;
  number: number;
  /** The GitHub App installation the delivery came through, when the connection is an App. */
  installationId?: string | null;
}

export interface CodeHost {
  pullRequest(ref: PullRequestRef): Promise<PullRequestSnapshot>;
  postStatus(
    ref: PullRequestRef,
    sha: string,
    status: SignOffStatus & { targetUrl: string },
  ): Promise<void>;
}

/**
 * How long one call to a code host may take before it is given up (the job queue retries). A host
 * or proxy that holds the connection open must not hold the job: the sign-off-status queue runs
 * one job per pull request at a time.
 */
export const HOST_TIMEOUT_MS = 20_000;

export interface HostOptions {
  timeoutMs?: number;
}

/** A diff larger than a change request takes is left out; the files and their counts stand in. */
export const MAX_HOST_DIFF_BYTES = 5 * 1024 * 1024;
