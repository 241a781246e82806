// The AI tools the command line recognises in commit trailers, as data: add a tool here and
// `submit` pre-fills it. `names` match a trailer's value (a tool's name or a bot's display name);
// `emails` match the address of a Co-authored-by trailer. `agent` tools work on their own (a bot
// that opens the commits), so their commits count as AGENTIC. Pure.
export interface KnownAiTool {
  tool: string;
  names: RegExp;
  emails: readonly string[];
  agent?: boolean;
}

export const KNOWN_AI_TOOLS: readonly KnownAiTool[] = [
  {
    tool: "GitHub Copilot",
    names: /\bcopilot\b/i,
    emails: ["copilot@github.com", "198982749+copilot@users.noreply.github.com"],
  },
  { tool: "Claude Code", names: /\bclaude\b/i, emails: ["noreply@anthropic.com"] },
  { tool: "Cursor", names: /\bcursor(agent)?\b/i, emails: ["cursoragent@cursor.com"] },
  { tool: "OpenAI Codex", names: /\bcodex\b/i, emails: ["codex@openai.com"], agent: true },
  { tool: "Gemini", names: /\bgemini\b/i, emails: ["gemini-code-assist@google.com"] },
  {
    tool: "Devin",
    names: /\bdevin\b/i,
    emails: ["158243242+devin-ai-integration[bot]@users.noreply.github.com"],
    agent: true,
  },
  { tool: "Aider", names: /\baider\b/i, emails: ["noreply@aider.chat"] },
  { tool: "Windsurf", names: /\b(windsurf|codeium)\b/i, emails: ["noreply@codeium.com"] },
];
