// Reads the AI disclosure that commits already carry in their trailers (`Assisted-by:`,
// `Generated-by:`, `Co-authored-by:` naming a known AI tool or bot address), so `submit` can
// pre-fill it. It infers only what a trailer states; anything else is asked, or refused in CI.
// Pure.
import type { AiExtent } from "@/lib/domain/policy/minimum-level";
import { KNOWN_AI_TOOLS, type KnownAiTool } from "./ai-tools";

export interface CommitMessage {
  sha: string;
  message: string;
}

export interface TrailerEvidence {
  sha: string;
  trailer: string;
  tool: string;
}

export interface InferredDisclosure {
  /** The strongest extent the trailers state, or null when no trailer names an AI tool. */
  aiExtent: AiExtent | null;
  aiTools: string[];
  evidence: TrailerEvidence[];
}

const RANK: Record<AiExtent, number> = { NONE: 0, ASSISTED: 1, GENERATED: 2, AGENTIC: 3 };
const KEYS: Record<string, AiExtent> = {
  "assisted-by": "ASSISTED",
  "generated-by": "GENERATED",
  "co-authored-by": "GENERATED",
};

/** The trailer block: the last paragraph of the message, when every line is `Key: value`. */
export function trailersOf(message: string): { key: string; value: string }[] {
  const paragraphs = message
    .replace(/\r\n/g, "\n")
    .trim()
    .split(/\n\s*\n/);
  if (paragraphs.length < 2) return [];
  const lines = paragraphs.at(-1)!.split("\n");
  const parsed = lines.map((line) => /^([A-Za-z][A-Za-z0-9-]*):\s*(.+)$/.exec(line.trim()));
  if (parsed.some((m) => !m)) return [];
  return parsed.map((m) => ({ key: m![1]!.toLowerCase(), value: m![2]!.trim() }));
}

function toolNamed(value: string): KnownAiTool | null {
  const email = /<([^>]+)>/.exec(value)?.[1]?.toLowerCase();
  const name = value.replace(/<[^>]*>/, "").trim();
  return (
    KNOWN_AI_TOOLS.find((t) => (email && t.emails.includes(email)) || t.names.test(name)) ?? null
  );
}

export function inferDisclosure(commits: readonly CommitMessage[]): InferredDisclosure {
  let extent: AiExtent | null = null;
  const tools: string[] = [];
  const evidence: TrailerEvidence[] = [];
  for (const commit of commits) {
    for (const { key, value } of trailersOf(commit.message)) {
      const stated = KEYS[key];
      if (!stated) continue;
      const tool = toolNamed(value);
      // A Co-authored-by naming a person is not an AI disclosure.
      if (!tool) continue;
      const found: AiExtent = tool.agent && key === "co-authored-by" ? "AGENTIC" : stated;
      if (!extent || RANK[found] > RANK[extent]) extent = found;
      if (!tools.includes(tool.tool)) tools.push(tool.tool);
      evidence.push({ sha: commit.sha, trailer: `${key}: ${value}`, tool: tool.tool });
    }
  }
  return { aiExtent: extent, aiTools: tools, evidence };
}
