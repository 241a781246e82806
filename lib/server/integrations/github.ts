// GitHub (github.com or GitHub Enterprise Server: the API base URL is the connection's) through
// @octokit/rest, as a GitHub App (@octokit/auth-app: installation tokens, renewed by themselves) or
// with a token, with the retry plugin (transient 5xx) and the throttling plugin (GitHub's primary
// and secondary rate limits: wait as GitHub says, twice at most, then let the job queue retry).
import { Octokit } from "@octokit/rest";
import { createAppAuth } from "@octokit/auth-app";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { STATUS_CONTEXT } from "@/lib/domain/integrations/sign-off-status";
import {
  HOST_TIMEOUT_MS,
  MAX_HOST_DIFF_BYTES,
  type CodeHost,
  type HostOptions,
  type PullRequestRef,
} from "./hosts";

const GitHubClient = Octokit.plugin(retry, throttling);

/** A token, or a GitHub App's id and private key with the installation to act as. */
export type GitHubAuth =
  { token: string } | { appId: string; privateKey: string; installationId: string };

/**
 * fetch with a deadline per request: @octokit/request has no timeout of its own (its old
 * `request.timeout` option is ignored), and a signal given once would count from the client's
 * creation, not from each request's start.
 */
function fetchWithin(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return fetch(input, { ...init, signal });
  };
}

export function githubClient(
  baseUrl: string,
  auth: GitHubAuth,
  { timeoutMs = HOST_TIMEOUT_MS }: HostOptions = {},
) {
  return new GitHubClient({
    ...("token" in auth
      ? { auth: auth.token }
      : {
          authStrategy: createAppAuth,
          auth: {
            appId: auth.appId,
            privateKey: auth.privateKey,
            installationId: auth.installationId,
          },
        }),
    baseUrl: baseUrl.replace(/\/+$/, ""),
    userAgent: "countersign",
    retry: { retries: 2, retryAfterBaseValue: 500 },
    throttle: {
      onRateLimit: (_after: number, _options: object, _client: unknown, count: number) => count < 2,
      onSecondaryRateLimit: (_after: number, _options: object, _client: unknown, count: number) =>
        count < 2,
    },
    request: { fetch: fetchWithin(timeoutMs) },
  });
}

function split(ref: PullRequestRef) {
  const [owner, repo] = ref.repository.split("/");
  if (!owner || !repo) throw new Error(`not a GitHub repository name: ${ref.repository}`);
  return { owner, repo, pull_number: ref.number };
}

export function github(baseUrl: string, auth: GitHubAuth, options?: HostOptions): CodeHost {
  const client = githubClient(baseUrl, auth, options);
  return {
    async pullRequest(ref) {
      const where = split(ref);
      const { data: pr } = await client.rest.pulls.get(where);
      let diff: string | null = null;
      try {
        const response = await client.rest.pulls.get({ ...where, mediaType: { format: "diff" } });
        const text = response.data as unknown as string;
        diff = Buffer.byteLength(text) <= MAX_HOST_DIFF_BYTES ? text : null;
      } catch (error) {
        // 406: GitHub will not render a diff this large; the file list stands in.
        if ((error as { status?: number }).status !== 406) throw error;
      }
      const files = await client.paginate(client.rest.pulls.listFiles, {
        ...where,
        per_page: 100,
      });
      const commits = await client.paginate(client.rest.pulls.listCommits, {
        ...where,
        per_page: 100,
      });
      return {
        number: pr.number,
        url: pr.html_url,
        title: pr.title,
        body: pr.body ?? "",
        state: pr.merged ? "merged" : pr.state === "open" ? "open" : "closed",
        draft: pr.draft ?? false,
        headSha: pr.head.sha,
        baseRef: pr.base.ref,
        headRef: pr.head.ref,
        authorLogin: pr.user?.login ?? "",
        diff,
        files: files.map((f) => ({
          path: f.filename,
          oldPath: f.previous_filename ?? null,
          additions: f.additions,
          deletions: f.deletions,
        })),
        commits: commits.map((c) => ({ sha: c.sha, message: c.commit.message })),
      };
    },
    async postStatus(ref, sha, status) {
      const { owner, repo } = split(ref);
      await client.rest.repos.createCommitStatus({
        owner,
        repo,
        sha,
        state: status.state,
        description: status.description,
        target_url: status.targetUrl,
        context: STATUS_CONTEXT,
      });
    },
  };
}
