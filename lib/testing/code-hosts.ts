// Stand-ins for GitHub's and GitLab's REST APIs and Slack's incoming webhooks in the tests: a local
// HTTP server implementing the few endpoints Countersign calls (a pull request, its diff, files
// and commits; a merge request, its diffs and commits; commit statuses; a Slack message),
// recording every call, and failing on demand with 503.
// They stand in for the remote services only: the portal, its database and its job queue are real.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface HostedPullRequest {
  /** GitHub's pull request object (as in a webhook's `pull_request`) or GitLab's merge request. */
  data: Record<string, unknown>;
  diff: string;
  files: { filename: string; previous_filename?: string; additions: number; deletions: number }[];
  commits: { sha: string; message: string }[];
}

export interface RecordedCall {
  method: string;
  path: string;
  body: Record<string, unknown> | null;
  answered: number;
  authorization: string | null;
}

export interface CodeHostStandIn {
  url: string;
  calls: RecordedCall[];
  /** Pull requests by "owner/name#number" (GitHub) or "projectId!iid" (GitLab). */
  pulls: Map<string, HostedPullRequest>;
  /** While true, every request is answered 503. */
  failing: boolean;
  /** The commit statuses the host accepted (a refused POST sets none). */
  statuses(): RecordedCall[];
  close(): Promise<void>;
}

function json(res: import("node:http").ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function bodyOf(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return null;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return Object.fromEntries(new URLSearchParams(text));
  }
}

/** GitLab's diff entries from a unified diff (its hunks per file). */
function gitlabDiffs(diff: string) {
  return diff
    .split(/^(?=diff --git )/m)
    .filter(Boolean)
    .map((chunk) => {
      const [, oldPath, newPath] = /^diff --git a\/(\S+) b\/(\S+)/.exec(chunk) ?? [];
      const hunks = chunk.slice(chunk.search(/^@@/m));
      return {
        old_path: oldPath,
        new_path: newPath,
        new_file: /^new file mode/m.test(chunk),
        deleted_file: /^deleted file mode/m.test(chunk),
        renamed_file: /^rename from/m.test(chunk),
        diff: chunk.search(/^@@/m) >= 0 ? hunks : "",
      };
    });
}

export async function startCodeHost(): Promise<CodeHostStandIn> {
  const host: Omit<CodeHostStandIn, "url" | "close"> = {
    calls: [],
    pulls: new Map(),
    failing: false,
    // The statuses the host accepted: a POST refused while failing did not set one.
    statuses: () =>
      host.calls.filter(
        (c) => c.method === "POST" && /\/statuses\//.test(c.path) && c.answered < 300,
      ),
  };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://stand-in");
    const path = decodeURIComponent(url.pathname);
    const body = await bodyOf(req);
    const answer = (status: number, payload: unknown) => {
      host.calls.push({
        method: req.method ?? "",
        path,
        body,
        answered: status,
        authorization: req.headers.authorization ?? null,
      });
      if (typeof payload === "string") {
        res.writeHead(status, { "content-type": "text/plain" });
        res.end(payload);
      } else json(res, status, payload);
    };
    if (host.failing) return answer(503, { message: "Service Unavailable (stand-in failing)" });

    // A GitHub App's installation token, for the App's JWT (not checked here: a stand-in).
    let m = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
    if (m && req.method === "POST")
      return answer(201, {
        token: `ghs_standin${m[1]}`,
        expires_at: new Date(Date.now() + 3600_000).toISOString(),
        permissions: { pull_requests: "read", statuses: "write" },
        repository_selection: "all",
      });
    m = /^\/repos\/([^/]+\/[^/]+)\/pulls\/(\d+)(\/files|\/commits)?$/.exec(path);
    if (m && req.method === "GET") {
      const pr = host.pulls.get(`${m[1]}#${m[2]}`);
      if (!pr) return answer(404, { message: "Not Found" });
      if (m[3] === "/files") return answer(200, pr.files);
      if (m[3] === "/commits")
        return answer(
          200,
          pr.commits.map((c) => ({ sha: c.sha, commit: { message: c.message } })),
        );
      if ((req.headers.accept ?? "").includes("diff")) return answer(200, pr.diff);
      return answer(200, pr.data);
    }
    m = /^\/repos\/([^/]+\/[^/]+)\/statuses\/([0-9a-f]{7,40})$/.exec(path);
    if (m && req.method === "POST") return answer(201, { id: host.calls.length, ...body });

    m =
      /^\/api\/v4\/projects\/([^/]+(?:\/[^/]+)*)\/merge_requests\/(\d+)(\/diffs|\/commits)?$/.exec(
        path,
      );
    if (m && req.method === "GET") {
      const mr = host.pulls.get(`${m[1]}!${m[2]}`);
      if (!mr) return answer(404, { message: "404 Not found" });
      if (m[3] === "/diffs") return answer(200, gitlabDiffs(mr.diff));
      if (m[3] === "/commits")
        return answer(
          200,
          mr.commits.map((c) => ({ id: c.sha, short_id: c.sha.slice(0, 8), message: c.message })),
        );
      return answer(200, mr.data);
    }
    m = /^\/api\/v4\/projects\/([^/]+)\/statuses\/([0-9a-f]{7,40})$/.exec(path);
    if (m && req.method === "POST") return answer(201, { id: host.calls.length, ...body });
    // Slack's incoming webhooks answer "ok".
    if (/^\/services\//.test(path) && req.method === "POST") return answer(200, "ok");
    return answer(404, { message: `stand-in has no ${req.method} ${path}` });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(host, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
