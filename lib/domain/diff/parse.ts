// Unified diffs (from `git diff`, a .patch, or `diff -u`): parsed with gitdiff-parser — the parser
// react-diff-view renders from — after giving plain `---`/`+++` diffs the `diff --git` header it
// expects. Malformed input is refused with a message naming the problem. Pure.
import parser, { type File as DiffFile } from "gitdiff-parser";
import { checkPath, routingPaths } from "@/lib/domain/changes/paths";

export type { DiffFile };

export interface ParsedDiff {
  files: DiffFile[];
  /** One per file, as shown (a deletion by its old path, anything else by its new one). */
  paths: string[];
  /** What ownership is decided on: renames and copies under both sides (docs/architecture.md). */
  routingPaths: string[];
  linesAdded: number;
  linesRemoved: number;
}

export class DiffError extends Error {}

const stripPrefix = (path: string) => path.replace(/^[ab]\//, "").replace(/\t.*$/, "");

/** Adds `diff --git` headers to a plain unified diff (one per `---`/`+++` pair). */
export function normaliseDiff(text: string): string {
  const unix = text.replace(/\r\n/g, "\n");
  if (/^diff --git /m.test(unix)) return unix;
  const lines = unix.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1];
    if (line.startsWith("--- ") && next?.startsWith("+++ ")) {
      const oldPath = stripPrefix(line.slice(4).trim());
      const newPath = stripPrefix(next.slice(4).trim());
      const a = oldPath === "/dev/null" ? newPath : oldPath;
      const b = newPath === "/dev/null" ? oldPath : newPath;
      out.push(`diff --git a/${a} b/${b}`);
      if (oldPath === "/dev/null") out.push("new file mode 100644");
      if (newPath === "/dev/null") out.push("deleted file mode 100644");
    }
    out.push(line);
  }
  return out.join("\n");
}

export function filePath(file: DiffFile): string {
  return file.type === "delete" ? file.oldPath : file.newPath;
}

export function parseUnifiedDiff(text: string): ParsedDiff {
  if (text.includes("\u0000"))
    throw new DiffError("the diff contains NUL bytes: upload a text diff, not a binary file");
  let files: DiffFile[];
  try {
    files = parser.parse(normaliseDiff(text));
  } catch (error) {
    throw new DiffError(`not a unified diff (${(error as Error).message})`);
  }
  if (files.length === 0)
    throw new DiffError("not a unified diff: no file headers (`diff --git` or `---`/`+++`) found");
  let linesAdded = 0;
  let linesRemoved = 0;
  for (const file of files) {
    if (!filePath(file) || filePath(file) === "/dev/null")
      throw new DiffError("a file in the diff has no path");
    for (const side of new Set([file.oldPath, file.newPath])) {
      if (file.type === "add" && side === file.oldPath && side !== file.newPath) continue;
      if (file.type === "delete" && side === file.newPath && side !== file.oldPath) continue;
      const verdict = checkPath(side);
      if (!verdict.ok) throw new DiffError(`the path "${side}" ${verdict.problem}`);
    }
    for (const hunk of file.hunks) {
      let oldCount = 0;
      let newCount = 0;
      for (const change of hunk.changes) {
        if (change.type === "insert") newCount++;
        else if (change.type === "delete") oldCount++;
        else {
          oldCount++;
          newCount++;
        }
      }
      const header = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(hunk.content);
      if (!header)
        throw new DiffError(`${filePath(file)}: malformed hunk header "${hunk.content}"`);
      const [oldLines, newLines] = [Number(header[1] ?? 1), Number(header[2] ?? 1)];
      if (oldCount !== oldLines || newCount !== newLines) {
        throw new DiffError(
          `${filePath(file)}: the hunk "${hunk.content}" promises ${oldLines} old and ${newLines} new lines but has ${oldCount} and ${newCount}: the diff is truncated or edited`,
        );
      }
      linesAdded += hunk.changes.filter((c) => c.type === "insert").length;
      linesRemoved += hunk.changes.filter((c) => c.type === "delete").length;
    }
  }
  return {
    files,
    paths: [...new Set(files.map(filePath))],
    routingPaths: routingPaths(files),
    linesAdded,
    linesRemoved,
  };
}
