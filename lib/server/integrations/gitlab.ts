// GitLab (gitlab.com or self-managed: the connection's base URL is the instance, e.g.
// https://gitlab.example.com) through @gitbeaker/rest, which paces itself by GitLab's rate limits.
// The status is a commit status named countersign/sign-off, so that "Pipelines must succeed"
// blocks the merge until Countersign says so.
import { Gitlab } from "@gitbeaker/rest";
import { unifiedDiff, type GitLabDiffEntry } from "@/lib/domain/integrations/gitlab-diff";
import { STATUS_CONTEXT } from "@/lib/domain/integrations/sign-off-status";
import {
  HOST_TIMEOUT_MS,
  MAX_HOST_DIFF_BYTES,
  type CodeHost,
  type HostOptions,
  type PullRequestRef,
} from "./hosts";

const STATES = { pending: "pending", success: "success", failure: "failed" } as const;

const project = (ref: PullRequestRef) => ref.projectId ?? ref.repository;

function countLines(diff: string) {
  let additions = 0;
  let deletions = 0;
  for (const line of diff.split("\n")) {
    if (line.startsWith("+")) additions++;
    else if (line.startsWith("-")) deletions++;
  }
  return { additions, deletions };
}

export function gitlab(
  baseUrl: string,
  token: string,
  { timeoutMs = HOST_TIMEOUT_MS }: HostOptions = {},
): CodeHost {
  const api = new Gitlab({ host: baseUrl.replace(/\/+$/, ""), token, queryTimeout: timeoutMs });
  return {
    async pullRequest(ref) {
      const mr = await api.MergeRequests.show(project(ref), ref.number);
      const entries = (await api.MergeRequests.allDiffs(project(ref), ref.number, {
        perPage: 100,
      })) as unknown as GitLabDiffEntry[];
      const commits = await api.MergeRequests.allCommits(project(ref), ref.number, {
        perPage: 100,
      });
      const diff = unifiedDiff(entries);
      const state = String(mr.state);
      return {
        number: Number(mr.iid),
        url: String(mr.web_url),
        title: String(mr.title),
        body: String(mr.description ?? ""),
        state: state === "merged" ? "merged" : state === "opened" ? "open" : "closed",
        draft: Boolean(mr.draft ?? mr.work_in_progress),
        headSha: String(mr.sha),
        baseRef: String(mr.target_branch),
        headRef: String(mr.source_branch),
        authorLogin: String((mr.author as { username?: string } | undefined)?.username ?? ""),
        diff: Buffer.byteLength(diff) <= MAX_HOST_DIFF_BYTES ? diff : null,
        files: entries.map((e) => ({
          path: e.deleted_file ? e.old_path : e.new_path,
          oldPath: e.renamed_file ? e.old_path : null,
          ...countLines(e.diff),
        })),
        commits: commits.map((c) => ({ sha: String(c.id), message: String(c.message) })),
      };
    },
    async postStatus(ref, sha, status) {
      await api.Commits.editStatus(project(ref), sha, STATES[status.state], {
        name: STATUS_CONTEXT,
        targetUrl: status.targetUrl,
        description: status.description,
      });
    },
  };
}
