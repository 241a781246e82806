import { describe, expect, it } from "vitest";
import { copyField } from "./seed-scale";

describe("COPY text fields", () => {
  it.each([
    [null, "\\N"],
    [undefined, "\\N"],
    [42, "42"],
    [false, "false"],
    [new Date("2026-12-06T10:00:00Z"), "2026-12-06T10:00:00.000Z"],
    ["plain", "plain"],
    ["tab\there", "tab\\there"],
    ["line\nbreak\r", "line\\nbreak\\r"],
    ["back\\slash", "back\\\\slash"],
    [[], "{}"],
    [["a", "b c"], '{"a","b c"}'],
    [['say "hi"'], '{"say \\\\"hi\\\\""}'],
    [["a\\b"], '{"a\\\\\\\\b"}'],
  ])("%j is written as %s", (value, expected) => {
    expect(copyField(value)).toBe(expected);
  });
});
