import { describe, expect, it } from "vitest";
import { maskSecrets } from "./mask";
import { parseTranscript } from "./parse";

describe("masking secrets", () => {
  it.each([
    ["export GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789", "GitHub token"],
    ["key AKIAIOSFODNN7EXAMPLE here", "AWS access key"],
    ["OPENAI_API_KEY: sk-proj-abcdefghijklmnopqrstuvwx12", "OpenAI key"],
    ["ANTHROPIC=sk-ant-api03-abcdefghijklmnopqrstuvwxyz", "Anthropic key"],
    ["curl -H 'Authorization: Bearer abcdefghijklmnop1234'", "bearer token"],
    ["postgres://app:hunter2secret@db:5432/x", "password in a URL"],
    ['{"password": "correct-horse-battery"}', "secret"],
    ["xoxb-1234567890-abcdefghij", "Slack token"],
    ["glpat-abcdefghij1234567890", "GitLab token"],
    [
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
      "JWT",
    ],
    ["-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----", "private key"],
  ])("masks %j as a %s", (text, label) => {
    const masked = maskSecrets(text);
    expect(masked.text).toContain(`[masked ${label}]`);
    expect(masked.count).toBeGreaterThanOrEqual(1);
  });

  it.each([
    "The retry helper waits 200 ms between attempts.",
    "token bucket with a capacity of 10",
    "see https://example.com/docs",
  ])("leaves %j alone", (text) => {
    expect(maskSecrets(text)).toEqual({ text, count: 0 });
  });
});

describe("reading an AI session", () => {
  it("reads a Claude Code JSONL session, reasoning and tools included", () => {
    const lines = [
      { type: "user", sessionId: "s1", message: { role: "user", content: "Add a retry to pay()" } },
      {
        type: "assistant",
        sessionId: "s1",
        message: {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "Timeouts are transient; one jittered retry is enough." },
            { type: "text", text: "I will wrap charge() in a retry." },
            { type: "tool_use", name: "Edit", input: { file: "src/pay.ts" } },
          ],
        },
      },
    ];
    const t = parseTranscript("session.jsonl", lines.map((l) => JSON.stringify(l)).join("\n"));
    expect(t.format).toBe("JSONL");
    expect(t.source).toBe("Claude Code session");
    expect(t.messages).toEqual([
      { role: "user", text: "Add a retry to pay()" },
      { role: "reasoning", text: "Timeouts are transient; one jittered retry is enough." },
      { role: "assistant", text: "I will wrap charge() in a retry." },
      { role: "tool", text: 'Edit {"file":"src/pay.ts"}' },
    ]);
  });

  it("reads a Codex JSONL session", () => {
    const lines = [
      { type: "session_meta", payload: { id: "x" } },
      {
        type: "response_item",
        payload: {
          type: "message",
          role: "user",
          content: [{ type: "input_text", text: "Fix the flaky test" }],
        },
      },
      {
        type: "response_item",
        payload: {
          type: "reasoning",
          summary: [{ type: "summary_text", text: "It races on the clock." }],
        },
      },
    ];
    const t = parseTranscript("rollout.jsonl", lines.map((l) => JSON.stringify(l)).join("\n"));
    expect(t.source).toBe("Codex session");
    expect(t.messages).toEqual([
      { role: "user", text: "Fix the flaky test" },
      { role: "reasoning", text: "It races on the clock." },
    ]);
  });

  it("reads a ChatGPT export in time order", () => {
    const json = [
      {
        title: "Retry",
        mapping: {
          b: {
            message: {
              author: { role: "assistant" },
              create_time: 2,
              content: { parts: ["Use backoff."] },
            },
          },
          a: {
            message: {
              author: { role: "user" },
              create_time: 1,
              content: { parts: ["How to retry?"] },
            },
          },
          root: { message: null },
        },
      },
    ];
    const t = parseTranscript("conversations.json", JSON.stringify(json));
    expect(t.source).toBe("ChatGPT export");
    expect(t.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
  });

  it("reads a Claude export and an API-style messages list", () => {
    const claude = [
      {
        name: "x",
        chat_messages: [
          { sender: "human", text: "Why?" },
          { sender: "assistant", text: "Because." },
        ],
      },
    ];
    expect(parseTranscript("c.json", JSON.stringify(claude)).messages).toEqual([
      { role: "user", text: "Why?" },
      { role: "assistant", text: "Because." },
    ]);
    const api = {
      messages: [
        { role: "user", content: [{ type: "text", text: "Hi" }] },
        { role: "assistant", content: "Hello" },
      ],
    };
    expect(parseTranscript("m.json", JSON.stringify(api)).messages).toHaveLength(2);
  });

  it("reads Markdown chats: Aider's history and speaker headings", () => {
    const aider =
      "# aider chat started at 2026-12-01\n\n#### add a retry\n\nSure, here is the change.\n";
    expect(parseTranscript(".aider.chat.history.md", aider)).toMatchObject({
      source: "Aider chat history",
      messages: [
        { role: "user", text: "add a retry" },
        { role: "assistant", text: "Sure, here is the change." },
      ],
    });
    const md = "## User\nMake it faster\n\n## Assistant\nCache the lookups.\n";
    expect(parseTranscript("chat.md", md).messages).toEqual([
      { role: "user", text: "Make it faster" },
      { role: "assistant", text: "Cache the lookups." },
    ]);
  });

  it("keeps what it cannot structure as text, with secrets masked", () => {
    const t = parseTranscript("notes.txt", "I pasted AKIAIOSFODNN7EXAMPLE by mistake");
    expect(t).toEqual({
      format: "TEXT",
      source: "plain text",
      messages: [{ role: "text", text: "I pasted [masked AWS access key] by mistake" }],
      secretsMasked: 1,
    });
    expect(parseTranscript("broken.json", "{not json").source).toBe("plain text");
  });
});
