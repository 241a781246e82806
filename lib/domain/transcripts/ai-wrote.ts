// Which files and hunks the disclosure says the AI wrote (docs/decisions/0014-reviewer-workplace.md):
// "What the AI wrote" names paths, directories (`src/payments/`) or files by name, optionally with
// lines (`src/pay.ts:10-40`, `src/pay.ts#L10-L40`). Pure.

export interface LineRange {
  start: number;
  end: number;
}

/** path → the new-side line ranges the AI wrote, or "all" for the whole file. */
export type AiWritten = Map<string, LineRange[] | "all">;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function aiWrittenRegions(aiWrote: string, paths: readonly string[]): AiWritten {
  const out: AiWritten = new Map();
  if (!aiWrote.trim()) return out;
  const basenames = new Map<string, number>();
  for (const p of paths) {
    const base = p.split("/").pop()!;
    basenames.set(base, (basenames.get(base) ?? 0) + 1);
  }
  for (const path of paths) {
    const base = path.split("/").pop()!;
    const names = [path, ...(basenames.get(base) === 1 && base !== path ? [base] : [])];
    const ranges: LineRange[] = [];
    let whole = false;
    for (const name of names) {
      const mention = new RegExp(
        `(?<![\\w./-])${escape(name)}(?:(?::|#L)(\\d+)(?:-L?(\\d+))?)?(?![\\w/-]|\\.\\w)`,
        "g",
      );
      for (const m of aiWrote.matchAll(mention)) {
        if (m[1]) {
          const start = Number(m[1]);
          ranges.push({ start, end: m[2] ? Math.max(start, Number(m[2])) : start });
        } else whole = true;
      }
    }
    // A directory named in the disclosure covers every file under it.
    const underDir = [
      ...aiWrote.matchAll(/(?<![\w./-])([\w.-]+(?:\/[\w.-]+)*\/)(?=[\s,;.)]|$)/g),
    ].some((m) => path.startsWith(m[1]!));
    if (whole || underDir) out.set(path, "all");
    else if (ranges.length) out.set(path, ranges);
  }
  return out;
}

/** Whether a hunk covering these new-side lines was written by the AI. */
export function hunkIsAiWritten(
  regions: LineRange[] | "all" | undefined,
  hunk: { newStart: number; newLines: number },
): boolean {
  if (!regions) return false;
  if (regions === "all") return true;
  const end = hunk.newStart + Math.max(hunk.newLines, 1) - 1;
  return regions.some((r) => r.start <= end && r.end >= hunk.newStart);
}
