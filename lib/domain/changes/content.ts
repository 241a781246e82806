// What a change contains, from what the author sent: the diff (when given) and any paths they
// listed. The preview, submission and new revisions all read it here, so they route on the same
// paths and count the same lines. Pure; a diff that cannot be read throws DiffError.
import { parseUnifiedDiff, type DiffFile } from "@/lib/domain/diff/parse";

/** The largest diff a change or revision takes. */
export const MAX_DIFF_BYTES = 5 * 1024 * 1024;

export interface ContentInput {
  diff?: string;
  paths: readonly string[];
  linesChanged?: number;
}

export interface ChangeContent {
  diffFiles?: DiffFile[];
  /** The files, as shown and marked viewed: one per file of the diff, then the listed paths. */
  paths: string[];
  /** The paths ownership is decided on: the files plus the old side of renames and copies. */
  routingPaths: string[];
  linesAdded: number;
  linesRemoved: number;
}

export function changeContent(input: ContentInput): ChangeContent {
  const listed = [...new Set(input.paths)];
  if (!input.diff?.trim()) {
    return {
      paths: listed,
      routingPaths: listed,
      linesAdded: input.linesChanged ?? 0,
      linesRemoved: 0,
    };
  }
  const diff = parseUnifiedDiff(input.diff);
  // A diff's counts are facts; a listed figure cannot understate them.
  return {
    diffFiles: diff.files,
    paths: [...new Set([...diff.paths, ...listed])],
    routingPaths: [...new Set([...diff.routingPaths, ...listed])],
    linesAdded: diff.linesAdded,
    linesRemoved: diff.linesRemoved,
  };
}

export const linesOf = (content: ChangeContent) => content.linesAdded + content.linesRemoved;
