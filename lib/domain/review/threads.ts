// Conversations on the diff (docs/decisions/0014-reviewer-workplace.md): where a thread sits in a
// revision, and where it sits in a later one. A thread is anchored to a file, a side (the old or
// the new file) and a range of lines, and keeps the text of those lines; in a later revision it
// stays where the same text still is on the same side (at the same line numbers when they still
// hold it, else at the nearest place that does), and is outdated when the text is gone. Pure.
import type { DiffFile } from "@/lib/domain/diff/parse";
import { filePath } from "@/lib/domain/diff/parse";

export type DiffSide = "OLD" | "NEW";

export interface Anchor {
  path: string;
  side: DiffSide;
  startLine: number;
  endLine: number;
}

export interface AnchoredLines extends Anchor {
  anchorText: string[];
}

/** The lines of one side of a file that the diff shows: line number → text. */
export function sideLines(file: DiffFile, side: DiffSide): Map<number, string> {
  const lines = new Map<number, string>();
  for (const hunk of file.hunks) {
    for (const change of hunk.changes) {
      if (change.type === "normal") {
        lines.set(side === "OLD" ? change.oldLineNumber : change.newLineNumber, change.content);
      } else if ((change.type === "insert") === (side === "NEW")) {
        lines.set(change.lineNumber, change.content);
      }
    }
  }
  return lines;
}

const MAX_RANGE = 200;

/**
 * The text of the lines a new thread is on, or the problem with the anchor (naming what is
 * wrong, for a 422 on the field).
 */
export function anchorLines(
  files: DiffFile[],
  anchor: Anchor,
): { ok: true; anchorText: string[] } | { ok: false; field: string; problem: string } {
  const file = files.find((f) => filePath(f) === anchor.path || f.oldPath === anchor.path);
  if (!file) return { ok: false, field: "path", problem: `"${anchor.path}" is not in this diff` };
  if (anchor.endLine < anchor.startLine)
    return { ok: false, field: "endLine", problem: "must not be before startLine" };
  if (anchor.endLine - anchor.startLine + 1 > MAX_RANGE)
    return { ok: false, field: "endLine", problem: `a thread covers at most ${MAX_RANGE} lines` };
  const lines = sideLines(file, anchor.side);
  const text: string[] = [];
  for (let line = anchor.startLine; line <= anchor.endLine; line++) {
    const content = lines.get(line);
    if (content === undefined)
      return {
        ok: false,
        field: line === anchor.startLine ? "startLine" : "endLine",
        problem: `line ${line} of the ${anchor.side === "OLD" ? "old" : "new"} side of ${anchor.path} is not shown in this diff`,
      };
    text.push(content);
  }
  return { ok: true, anchorText: text };
}

/** Where a thread sits in these files: its anchor moved to where its lines now are, or null (outdated). */
export function placeThread(thread: AnchoredLines, files: DiffFile[]): Anchor | null {
  const file = files.find((f) => filePath(f) === thread.path);
  if (!file || thread.anchorText.length === 0) return null;
  const lines = sideLines(file, thread.side);
  const holdsAt = (start: number) =>
    thread.anchorText.every((text, i) => lines.get(start + i) === text);
  const span = thread.endLine - thread.startLine;
  if (holdsAt(thread.startLine)) return { ...thread, endLine: thread.startLine + span };
  let best: number | null = null;
  for (const line of lines.keys()) {
    if (!holdsAt(line)) continue;
    if (best === null || Math.abs(line - thread.startLine) < Math.abs(best - thread.startLine))
      best = line;
  }
  return best === null
    ? null
    : { path: thread.path, side: thread.side, startLine: best, endLine: best + span };
}

/** The `@handle`s a comment mentions, each once, in the order written (not e-mail addresses). */
export function mentionsIn(body: string): string[] {
  const withoutCode = body.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  const found = new Set<string>();
  for (const match of withoutCode.matchAll(/(^|[^\w@.])@([a-z0-9][a-z0-9._-]{0,62})/gi)) {
    found.add(match[2]!.replace(/[._-]+$/, "").toLowerCase());
  }
  return [...found];
}

/** A "suggested change" block: a fenced block tagged `suggestion`, the lines to put in place. */
export function suggestionsIn(body: string): string[] {
  return [...body.matchAll(/```suggestion[^\n]*\n([\s\S]*?)```/g)].map((m) =>
    m[1]!.replace(/\n$/, ""),
  );
}
