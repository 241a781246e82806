// An AI session's export, read into who said what (docs/decisions/0014-reviewer-workplace.md):
// the JSON, JSONL and Markdown exports of common assistants and agents are parsed; anything else
// is kept as text. Secrets are masked in every message. Pure.
import { maskSecrets } from "./mask";

export type Role = "user" | "assistant" | "reasoning" | "tool" | "system" | "text";

export interface Message {
  role: Role;
  text: string;
}

export interface Transcript {
  format: "JSON" | "JSONL" | "MARKDOWN" | "TEXT";
  /** What the parser recognised, said to people ("Claude Code session"). */
  source: string;
  messages: Message[];
  secretsMasked: number;
}

export const MAX_TRANSCRIPT_BYTES = 5 * 1024 * 1024;
const MAX_MESSAGES = 5000;

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: Json): string => (typeof v === "string" ? v : "");

function roleOf(value: Json): Role {
  switch (str(value).toLowerCase()) {
    case "user":
    case "human":
      return "user";
    case "assistant":
    case "model":
    case "ai":
    case "bot":
      return "assistant";
    case "system":
    case "developer":
      return "system";
    case "tool":
    case "function":
      return "tool";
    default:
      return "text";
  }
}

/** A message's content, which the exports give as a string or as typed blocks. */
function blocksOf(role: Role, content: Json): Message[] {
  if (typeof content === "string") return content.trim() ? [{ role, text: content }] : [];
  if (!Array.isArray(content)) {
    if (isObject(content) && Array.isArray(content.parts))
      return blocksOf(role, content.parts.filter((p) => typeof p === "string").join("\n"));
    return [];
  }
  const out: Message[] = [];
  for (const block of content) {
    if (typeof block === "string") {
      if (block.trim()) out.push({ role, text: block });
      continue;
    }
    if (!isObject(block)) continue;
    const type = str(block.type);
    if (type === "thinking" || type === "reasoning")
      out.push({ role: "reasoning", text: str(block.thinking) || str(block.text) });
    else if (type === "tool_use" || type === "function_call")
      out.push({
        role: "tool",
        text: `${str(block.name)} ${JSON.stringify(block.input ?? block.arguments ?? {})}`,
      });
    else if (type === "tool_result" || type === "function_call_output")
      out.push({
        role: "tool",
        text:
          typeof block.content === "string"
            ? block.content
            : blocksOf("tool", block.content ?? block.output)
                .map((m) => m.text)
                .join("\n"),
      });
    else if (typeof block.text === "string") out.push({ role, text: block.text });
  }
  return out.filter((m) => m.text.trim());
}

/** A message object in any of the shapes the exports use. */
function messageOf(entry: Json): Message[] {
  if (!isObject(entry)) return [];
  // Claude Code: { type: "user" | "assistant", message: { role, content } }
  if (isObject(entry.message) && "content" in entry.message)
    return blocksOf(roleOf(entry.message.role ?? entry.type), entry.message.content);
  // Codex CLI: { type: "response_item", payload: {...} } or the payload itself.
  if (isObject(entry.payload)) return messageOf(entry.payload);
  if (entry.type === "reasoning" && Array.isArray(entry.summary))
    return blocksOf(
      "reasoning",
      entry.summary.map((s) => (isObject(s) ? str(s.text) : "")),
    );
  // Claude.ai: { sender, text, content }
  if ("sender" in entry)
    return Array.isArray(entry.content) && entry.content.length
      ? blocksOf(roleOf(entry.sender), entry.content)
      : blocksOf(roleOf(entry.sender), entry.text);
  if ("role" in entry || "author" in entry) {
    const role = roleOf(isObject(entry.author) ? entry.author.role : entry.role);
    return blocksOf(role, entry.content);
  }
  return [];
}

/** A ChatGPT conversation: a tree of nodes, read in time order. */
function chatGptMessages(conversation: Record<string, Json>): Message[] {
  const nodes = Object.values(conversation.mapping as Record<string, Json>)
    .map((n) => (isObject(n) && isObject(n.message) ? n.message : null))
    .filter((m): m is Record<string, Json> => m !== null)
    .sort((a, b) => Number(a.create_time ?? 0) - Number(b.create_time ?? 0));
  return nodes.flatMap(messageOf);
}

function fromJson(value: Json): { source: string; messages: Message[] } | null {
  const items = Array.isArray(value) ? value : [value];
  if (items.length && items.every((c) => isObject(c) && isObject(c.mapping)))
    return {
      source: "ChatGPT export",
      messages: items.flatMap((c) => chatGptMessages(c as Record<string, Json>)),
    };
  if (items.length && items.every((c) => isObject(c) && Array.isArray(c.chat_messages)))
    return {
      source: "Claude export",
      messages: items.flatMap((c) =>
        ((c as Record<string, Json>).chat_messages as Json[]).flatMap(messageOf),
      ),
    };
  if (isObject(value) && Array.isArray(value.messages))
    return { source: "chat messages (JSON)", messages: value.messages.flatMap(messageOf) };
  if (Array.isArray(value)) {
    const messages = value.flatMap(messageOf);
    if (messages.length) return { source: "chat messages (JSON)", messages };
  }
  return null;
}

function fromJsonl(text: string): { source: string; messages: Message[] } | null {
  const lines = text.split("\n").filter((l) => l.trim());
  if (lines.length < 1) return null;
  const entries: Json[] = [];
  for (const line of lines) {
    try {
      entries.push(JSON.parse(line));
    } catch {
      return null;
    }
  }
  const messages = entries.flatMap(messageOf);
  if (!messages.length) return null;
  const source = entries.some((e) => isObject(e) && isObject(e.message) && "sessionId" in e)
    ? "Claude Code session"
    : entries.some((e) => isObject(e) && (e.type === "response_item" || e.type === "session_meta"))
      ? "Codex session"
      : "chat messages (JSONL)";
  return { source, messages };
}

const SPEAKER =
  /^(?:#{1,6}\s*|\*\*|_\*\*)?(user|human|you|me|prompt|assistant|ai|model|claude|chatgpt|copilot|cursor|gemini)(?:\*\*_|\*\*)?\s*:?\s*(?:\*\*)?\s*$/i;
const ASSISTANT_NAMES = new Set([
  "assistant",
  "ai",
  "model",
  "claude",
  "chatgpt",
  "copilot",
  "cursor",
  "gemini",
]);

function fromMarkdown(text: string): { source: string; messages: Message[] } | null {
  const lines = text.split("\n");
  // Aider's .aider.chat.history.md: the person's lines start with "#### ".
  if (/^# aider chat started/m.test(text)) {
    const messages: Message[] = [];
    for (const line of lines) {
      if (line.startsWith("# aider chat started")) continue;
      const role: Role = line.startsWith("#### ")
        ? "user"
        : line.startsWith("> ")
          ? "tool"
          : "assistant";
      const content = role === "user" ? line.slice(5) : role === "tool" ? line.slice(2) : line;
      const last = messages[messages.length - 1];
      if (last && last.role === role) last.text += `\n${content}`;
      else messages.push({ role, text: content });
    }
    return {
      source: "Aider chat history",
      messages: messages.map((m) => ({ ...m, text: m.text.trim() })).filter((m) => m.text),
    };
  }
  const messages: Message[] = [];
  let current: Message | null = null;
  for (const line of lines) {
    const speaker = SPEAKER.exec(line.trim());
    if (speaker) {
      if (current) messages.push(current);
      const name = speaker[1]!.toLowerCase();
      current = { role: ASSISTANT_NAMES.has(name) ? "assistant" : "user", text: "" };
    } else if (current) current.text += `${line}\n`;
  }
  if (current) messages.push(current);
  const spoken = messages.map((m) => ({ ...m, text: m.text.trim() })).filter((m) => m.text);
  return spoken.some((m) => m.role === "user") && spoken.some((m) => m.role === "assistant")
    ? { source: "chat (Markdown)", messages: spoken }
    : null;
}

function formatOf(fileName: string, text: string): Transcript["format"] {
  const ext = fileName.toLowerCase().split(".").pop() ?? "";
  if (ext === "jsonl" || ext === "ndjson") return "JSONL";
  if (ext === "json") return "JSON";
  if (ext === "md" || ext === "markdown") return "MARKDOWN";
  const head = text.trimStart();
  if (head.startsWith("[") || (head.startsWith("{") && !/\}\s*\n\s*\{/.test(head))) return "JSON";
  if (head.startsWith("{")) return "JSONL";
  return "TEXT";
}

/** Reads an uploaded session; what cannot be structured is kept as one text message. */
export function parseTranscript(fileName: string, text: string): Transcript {
  const format = formatOf(fileName, text);
  let parsed: { source: string; messages: Message[] } | null = null;
  if (format === "JSON") {
    try {
      parsed = fromJson(JSON.parse(text));
    } catch {
      parsed = fromJsonl(text);
    }
  } else if (format === "JSONL") parsed = fromJsonl(text);
  else if (format === "MARKDOWN" || format === "TEXT") parsed = fromMarkdown(text);
  const messages = (
    parsed?.messages.length ? parsed.messages : [{ role: "text" as const, text }]
  ).slice(0, MAX_MESSAGES);
  let secretsMasked = 0;
  const masked = messages.map((m) => {
    const { text: safe, count } = maskSecrets(m.text);
    secretsMasked += count;
    return { role: m.role, text: safe };
  });
  return {
    format,
    source: parsed?.messages.length ? parsed.source : "plain text",
    messages: masked,
    secretsMasked,
  };
}
