import { describe, expect, it } from "vitest";
import { parseDuration } from "./duration";

describe("parseDuration", () => {
  it.each([
    ["90", 90_000],
    ["90s", 90_000],
    ["15m", 900_000],
    ["2h", 7_200_000],
    ["1h30m", 5_400_000],
    [" 5M ", 300_000],
    ["", null],
    ["5 minutes", null],
    ["m", null],
    ["1h-30m", null],
  ])("%j → %s", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
});
