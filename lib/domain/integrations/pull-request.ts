// A pull request (GitHub) or merge request (GitLab) as Countersign reads it, and what it makes of
// it: the change request's fields, with the AI disclosure from the description's template
// (docs/pull-request-template.md) and the commits' trailers. Pure.
import type { AiExtent } from "@/lib/domain/policy/minimum-level";
import { inferDisclosure, type CommitMessage } from "@/lib/domain/changes/ai-trailers";

export interface PullRequestSnapshot {
  number: number;
  url: string;
  title: string;
  body: string;
  state: "open" | "closed" | "merged";
  draft: boolean;
  headSha: string;
  baseRef: string;
  headRef: string;
  authorLogin: string;
  /** The unified diff, or null when the host would not give it (too large). */
  diff: string | null;
  files: { path: string; oldPath: string | null; additions: number; deletions: number }[];
  commits: CommitMessage[];
}

export interface PullRequestDisclosure {
  aiExtent: AiExtent | null;
  aiTools: string[];
  aiWrote: string;
  intent: string;
  rollbackPlan: string;
  testEvidence: string;
  /** What the author must add before the change can be submitted, in words. */
  missing: string[];
}

const RANK: Record<AiExtent, number> = { NONE: 0, ASSISTED: 1, GENERATED: 2, AGENTIC: 3 };

/** The template's boxes, by the words on their line. */
const BOXES: { extent: AiExtent; words: RegExp }[] = [
  { extent: "AGENTIC", words: /\bagent/i },
  { extent: "GENERATED", words: /\bgenerat/i },
  { extent: "ASSISTED", words: /\bassist/i },
  { extent: "NONE", words: /\bno ai\b|\bnone\b/i },
];

/** The sections of a Markdown body by their heading (lower case), comments removed. */
export function sectionsOf(body: string): Map<string, string> {
  const text = body.replace(/\r\n/g, "\n").replace(/<!--[\s\S]*?-->/g, "");
  const sections = new Map<string, string>();
  let heading = "";
  let lines: string[] = [];
  const flush = () => {
    const content = lines.join("\n").trim();
    if (content || heading) sections.set(heading, content);
  };
  for (const line of text.split("\n")) {
    const match = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (match) {
      flush();
      heading = match[1]!.toLowerCase();
      lines = [];
    } else lines.push(line);
  }
  flush();
  return sections;
}

function section(sections: Map<string, string>, name: RegExp): string | undefined {
  for (const [heading, content] of sections) if (name.test(heading)) return content;
  return undefined;
}

function labelled(text: string, label: RegExp): string {
  for (const line of text.split("\n")) {
    const match = label.exec(line);
    if (match) return line.slice(match.index + match[0].length).trim();
  }
  return "";
}

/** The strongest ticked box of the "AI disclosure" section, or null when none is ticked. */
export function tickedExtent(disclosure: string): AiExtent | null {
  let extent: AiExtent | null = null;
  for (const line of disclosure.split("\n")) {
    const box = /^\s*[-*]\s*\[[xX]\]\s*(.+)$/.exec(line);
    if (!box) continue;
    const found = BOXES.find((b) => b.words.test(box[1]!))?.extent;
    if (found && (!extent || RANK[found] > RANK[extent])) extent = found;
  }
  return extent;
}

export function pullRequestDisclosure(
  body: string,
  commits: readonly CommitMessage[],
): PullRequestDisclosure {
  const sections = sectionsOf(body);
  const disclosure = section(sections, /\bai disclosure\b/) ?? "";
  const ticked = tickedExtent(disclosure);
  const trailers = inferDisclosure(commits);
  // The stronger of what the author ticked and what the commits state.
  const candidates = [ticked, trailers.aiExtent].filter((e): e is AiExtent => e !== null);
  const aiExtent = candidates.length
    ? candidates.reduce((a, b) => (RANK[b] > RANK[a] ? b : a))
    : null;
  const named = labelled(disclosure, /^\s*(?:[-*]\s*)?tools?\s*:/i)
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  const aiTools = [...new Set([...named, ...trailers.aiTools])].slice(0, 10);
  const fromTrailers = trailers.evidence.length
    ? `Per their trailers: ${[...new Set(trailers.evidence.map((e) => e.sha.slice(0, 7)))].join(", ")}.`
    : "";
  const aiWrote =
    labelled(disclosure, /^\s*(?:[-*]\s*)?what the ai wrote\s*:/i) ||
    (aiExtent === "GENERATED" || aiExtent === "AGENTIC" ? fromTrailers : "");
  const intent = (section(sections, /^why\b/) ?? sections.get("") ?? "").slice(0, 10_000);
  const missing: string[] = [];
  if (!aiExtent)
    missing.push("tick one box under “AI disclosure” in the description (see the template)");
  if (aiExtent && aiExtent !== "NONE" && aiTools.length === 0)
    missing.push("name the AI tools on the “Tools:” line of the AI disclosure");
  if ((aiExtent === "GENERATED" || aiExtent === "AGENTIC") && !aiWrote)
    missing.push("say which parts the AI wrote on the “What the AI wrote:” line");
  if (intent.length < 20)
    missing.push("say why the change is needed under “Why” (at least 20 characters)");
  return {
    aiExtent,
    aiTools,
    aiWrote: aiWrote.slice(0, 5000),
    intent,
    rollbackPlan: (section(sections, /^rollback/) ?? "").slice(0, 5000),
    testEvidence: (section(sections, /^test/) ?? "").slice(0, 5000),
    missing,
  };
}

/** The change request the pull request is: submitted when its disclosure is complete. */
export function changeInputOf(
  pr: PullRequestSnapshot,
  repository: string,
  disclosure: PullRequestDisclosure,
): Record<string, unknown> {
  const lines = pr.files.reduce((n, f) => n + f.additions + f.deletions, 0);
  const paths = [...new Set(pr.files.flatMap((f) => (f.oldPath ? [f.oldPath, f.path] : [f.path])))];
  return {
    submit: disclosure.missing.length === 0,
    title: pr.title.trim().length >= 5 ? pr.title.trim() : `${pr.title.trim()} (#${pr.number})`,
    intent: disclosure.intent,
    repository,
    prUrl: pr.url,
    baseRef: pr.baseRef,
    headRef: pr.headRef,
    commit: pr.headSha,
    ...(pr.diff !== null ? { diff: pr.diff } : { paths, linesChanged: lines }),
    aiExtent: disclosure.aiExtent ?? "NONE",
    aiTools: disclosure.aiExtent === "NONE" ? [] : disclosure.aiTools,
    aiWrote: disclosure.aiWrote,
    rollbackPlan: disclosure.rollbackPlan,
    testEvidence: disclosure.testEvidence,
  };
}
