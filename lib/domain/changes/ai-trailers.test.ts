import { describe, expect, it } from "vitest";
import { inferDisclosure, trailersOf } from "./ai-trailers";

const commit = (message: string, sha = "a1") => ({ sha, message });

describe("trailersOf", () => {
  it.each([
    ["Fix it\n\nAssisted-by: Claude Code", [{ key: "assisted-by", value: "Claude Code" }]],
    [
      "Fix it\n\nBody text.\n\nSigned-off-by: A <a@x>\nGenerated-by: Copilot",
      [
        { key: "signed-off-by", value: "A <a@x>" },
        { key: "generated-by", value: "Copilot" },
      ],
    ],
    // No body paragraph: a subject is never a trailer block.
    ["Assisted-by: Claude", []],
    // The last paragraph is prose: no trailers.
    ["Fix it\n\nAssisted-by: Claude\n\nand then some prose", []],
    ["Fix it\r\n\r\nAssisted-by: Cursor\r\n", [{ key: "assisted-by", value: "Cursor" }]],
  ])("%j", (message, expected) => {
    expect(trailersOf(message)).toEqual(expected);
  });
});

describe("inferDisclosure", () => {
  it.each([
    // [case, commits, extent, tools]
    ["no trailers", [commit("Fix it\n\nA plain body.")], null, []],
    ["assisted", [commit("Fix\n\nAssisted-by: Claude Code")], "ASSISTED", ["Claude Code"]],
    ["generated", [commit("Fix\n\nGenerated-by: GitHub Copilot")], "GENERATED", ["GitHub Copilot"]],
    [
      "co-authored by a bot address",
      [commit("Fix\n\nCo-authored-by: Claude <noreply@anthropic.com>")],
      "GENERATED",
      ["Claude Code"],
    ],
    [
      "co-authored by an agent",
      [
        commit(
          "Fix\n\nCo-authored-by: devin-ai-integration[bot] <158243242+devin-ai-integration[bot]@users.noreply.github.com>",
        ),
      ],
      "AGENTIC",
      ["Devin"],
    ],
    [
      "co-authored by a person",
      [commit("Fix\n\nCo-authored-by: Ana Ruiz <ana@acme.example>")],
      null,
      [],
    ],
    ["an unknown tool", [commit("Fix\n\nAssisted-by: my own brain")], null, []],
    [
      "the strongest extent over several commits, each tool once",
      [
        commit("One\n\nAssisted-by: Cursor", "a1"),
        commit("Two\n\nGenerated-by: Cursor\nAssisted-by: Gemini", "a2"),
        commit("Three\n\nAssisted-by: Claude", "a3"),
      ],
      "GENERATED",
      ["Cursor", "Gemini", "Claude Code"],
    ],
    ["a trailer in the subject only", [commit("Assisted-by: Claude")], null, []],
  ] as const)("%s", (_case, commits, extent, tools) => {
    const inferred = inferDisclosure(commits);
    expect(inferred.aiExtent).toBe(extent);
    expect(inferred.aiTools).toEqual(tools);
    expect(inferred.evidence.length > 0).toBe(extent !== null);
  });
});
