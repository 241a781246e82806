import { describe, expect, it } from "vitest";
import { backoffMs } from "./supervise";

describe("restart backoff", () => {
  it.each([
    [0, 500],
    [1, 1000],
    [2, 2000],
    [5, 16_000],
    [6, 30_000],
    [50, 30_000],
  ])("attempt %i waits %i ms", (attempt, ms) => {
    expect(backoffMs(attempt)).toBe(ms);
  });
});
