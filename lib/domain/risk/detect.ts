// Scans a parsed diff with the risk rules. Every hit names its file and line. Pure.
import type { DiffFile } from "@/lib/domain/diff/parse";
import { filePath } from "@/lib/domain/diff/parse";
import { RISK_FLAGS, type RiskFlag } from "./flags";
import { RISK_RULES, type RiskRule } from "./rules";

export interface RiskHit {
  rule: string;
  flag: RiskFlag;
  title: string;
  file: string;
  /** Line in the new file (added lines) or the old file (removed lines); null for a path rule. */
  line: number | null;
  side: "added" | "removed" | "path";
  text: string | null;
}

const MAX_HITS_PER_RULE_AND_FILE = 5;

export function detectRisks(
  files: DiffFile[],
  tierOfPath: (path: string) => number | null = () => null,
  rules: RiskRule[] = RISK_RULES,
): { hits: RiskHit[]; flags: RiskFlag[] } {
  const hits: RiskHit[] = [];
  for (const file of files) {
    const path = filePath(file);
    const tier1 = tierOfPath(path) === 1;
    for (const rule of rules) {
      if (rule.tier1Only && !tier1) continue;
      if (rule.path && !rule.path.test(path)) continue;
      if (!rule.lines) {
        hits.push({
          rule: rule.id,
          flag: rule.flag,
          title: rule.title,
          file: path,
          line: null,
          side: "path",
          text: null,
        });
        continue;
      }
      const type = rule.lines === "added" ? "insert" : "delete";
      let found = 0;
      for (const hunk of file.hunks) {
        for (const change of hunk.changes) {
          if (change.type !== type) continue;
          if (!rule.pattern!.test(change.content) || rule.unless?.test(change.content)) continue;
          hits.push({
            rule: rule.id,
            flag: rule.flag,
            title: rule.title,
            file: path,
            line: change.lineNumber,
            side: rule.lines,
            text: change.content.trim().slice(0, 200),
          });
          if (++found >= MAX_HITS_PER_RULE_AND_FILE) break;
        }
        if (found >= MAX_HITS_PER_RULE_AND_FILE) break;
      }
    }
  }
  const present = new Set(hits.map((h) => h.flag));
  return { hits, flags: RISK_FLAGS.filter((f) => present.has(f)) };
}
