// Changed paths as git writes them (docs/architecture.md, "Changed paths"): relative, `/`-separated,
// with no empty, `.` or `..` segments. Git never produces any other spelling, so another spelling
// is refused with the path named rather than matched against CODEOWNERS as given: an
// `apps/web/./checkout/pay.ts` must not dodge the owners of `/apps/web/checkout/`. One function,
// used by the diff parser, the preview, submission, new revisions and the CLI's `owners` command.
// Pure.

export type PathVerdict = { ok: true; path: string } | { ok: false; problem: string };

// Control characters cannot be typed into a path by git and would hide the path's real shape.
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Whether `path` is a canonical git path, and if not, what is wrong with it (said to a person). */
export function checkPath(path: string): PathVerdict {
  if (path.length === 0) return { ok: false, problem: "is empty" };
  if (CONTROL.test(path)) return { ok: false, problem: "contains a control character" };
  if (path.includes("\\"))
    return { ok: false, problem: "contains a backslash: write paths with / as git does" };
  if (path.startsWith("/"))
    return { ok: false, problem: "is absolute: give it relative to the repository's root" };
  const segments = path.split("/");
  if (segments.some((s) => s === ""))
    return { ok: false, problem: "has an empty segment (// or a trailing /)" };
  if (segments.some((s) => s === "."))
    return { ok: false, problem: "has a . segment: give the path as git writes it" };
  if (segments.some((s) => s === ".."))
    return { ok: false, problem: "has a .. segment: give the path as git writes it" };
  return { ok: true, path };
}

export interface PathProblem {
  path: string;
  problem: string;
}

/** Every non-canonical path among `paths`, each with its problem. */
export function pathProblems(paths: readonly string[]): PathProblem[] {
  const problems: PathProblem[] = [];
  for (const path of paths) {
    const verdict = checkPath(path);
    if (!verdict.ok) problems.push({ path, problem: verdict.problem });
  }
  return problems;
}

/** A file of a diff as far as routing cares: what git did and the paths on either side. */
export interface ChangedFile {
  type: "add" | "delete" | "modify" | "rename" | "copy";
  oldPath: string;
  newPath: string;
}

/**
 * The paths a changed file counts under for ownership: a rename or a copy under both its old and
 * its new path (code moved out of a tier-1 system still reaches that system's owners), a deletion
 * under its old path, an addition under its new path. A file whose two sides differ counts under
 * both whatever the parser called it (gitdiff-parser calls a rename with edits a "modify").
 */
export function routingPathsOf(file: ChangedFile): string[] {
  switch (file.type) {
    case "delete":
      return [file.oldPath];
    case "add":
      return [file.newPath];
    default:
      return file.oldPath === file.newPath ? [file.newPath] : [file.oldPath, file.newPath];
  }
}

/** The distinct routing paths of a set of changed files, in diff order. */
export function routingPaths(files: readonly ChangedFile[]): string[] {
  return [...new Set(files.flatMap(routingPathsOf))];
}
