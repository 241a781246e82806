// What `submit` reads from the repository it runs in, through the git command line.
import { execFileSync } from "node:child_process";
import { UsageError } from "./client";

const MAX = 64 * 1024 * 1024;

export function git(args: string[], cwd = process.cwd()): string {
  try {
    return execFileSync("git", args, {
      cwd,
      encoding: "utf8",
      maxBuffer: MAX,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? "").trim();
    throw new UsageError(
      `git ${args.join(" ")} failed${stderr ? `: ${stderr.split("\n")[0]}` : ""}`,
    );
  }
}

const tryGit = (args: string[]) => {
  try {
    return git(args).trim();
  } catch {
    return null;
  }
};

export function assertRepository(): void {
  if (tryGit(["rev-parse", "--is-inside-work-tree"]) !== "true")
    throw new UsageError("run submit inside a git repository");
}

/** The base to diff against: --base, else the upstream's default branch (origin/HEAD), main, master. */
export function defaultBase(): string {
  const head = tryGit(["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"]);
  if (head) return head;
  for (const candidate of ["origin/main", "origin/master", "main", "master"])
    if (tryGit(["rev-parse", "--verify", "--quiet", `${candidate}^{commit}`])) return candidate;
  throw new UsageError("cannot tell the base branch: pass --base <ref>");
}

/** "org/name" from the origin remote's URL (ssh or https), or null. */
export function repositoryFromRemote(): string | null {
  const url = tryGit(["remote", "get-url", "origin"]);
  if (!url) return null;
  const match = /[:/]([^/:]+\/[^/]+?)(?:\.git)?\/?$/.exec(url);
  return match?.[1] ?? null;
}

export interface BranchState {
  base: string;
  mergeBase: string;
  head: string;
  branch: string | null;
  diff: string;
  commits: { sha: string; subject: string; message: string }[];
}

export function branchState(base: string): BranchState {
  const mergeBase = git(["merge-base", base, "HEAD"]).trim();
  const head = git(["rev-parse", "HEAD"]).trim();
  const branch = tryGit(["symbolic-ref", "--quiet", "--short", "HEAD"]);
  const diff = git(["diff", "--no-color", "--no-ext-diff", "--full-index", mergeBase, "HEAD"]);
  const log = git(["log", "--reverse", "--format=%H%x00%s%x00%B%x1e", `${mergeBase}..HEAD`]);
  const commits = log
    .split("\x1e")
    .map((entry) => entry.replace(/^\n/, ""))
    .filter((entry) => entry.trim())
    .map((entry) => {
      const [sha, subject, message] = entry.split("\x00");
      return { sha: sha!.trim(), subject: subject!.trim(), message: message ?? "" };
    });
  return { base, mergeBase, head, branch, diff, commits };
}
