// GitLab's API gives a merge request's changes as one entry per file with the hunks only; the
// change request wants a unified diff (what `git diff` prints). Renames keep their old path, so
// ownership is decided on both sides as for any diff. Pure.

export interface GitLabDiffEntry {
  old_path: string;
  new_path: string;
  new_file: boolean;
  renamed_file: boolean;
  deleted_file: boolean;
  diff: string;
}

export function unifiedDiff(entries: readonly GitLabDiffEntry[]): string {
  return entries
    .map((e) => {
      const head = [`diff --git a/${e.old_path} b/${e.new_path}`];
      if (e.new_file) head.push("new file mode 100644");
      if (e.deleted_file) head.push("deleted file mode 100644");
      if (e.renamed_file) head.push(`rename from ${e.old_path}`, `rename to ${e.new_path}`);
      const hunks = e.diff.replace(/\n$/, "");
      if (hunks) {
        head.push(e.new_file ? "--- /dev/null" : `--- a/${e.old_path}`);
        head.push(e.deleted_file ? "+++ /dev/null" : `+++ b/${e.new_path}`);
        head.push(hunks);
      }
      return `${head.join("\n")}\n`;
    })
    .join("");
}
