import { describe, expect, it } from "vitest";
import { plausibleSeconds, rubberStampReasons, seesStampFlag } from "./rubber-stamp";

describe("possible rubber stamps", () => {
  it.each([
    [0, 30],
    [100, 80],
    [400, 230],
    [10_000, 900],
  ])("%i lines need at least %i s", (lines, seconds) => {
    expect(plausibleSeconds(lines)).toBe(seconds);
  });

  it.each([
    [{ linesChanged: 400, files: 5, filesViewed: 5, secondsSpent: 600 }, []],
    [
      { linesChanged: 400, files: 5, filesViewed: 5, secondsSpent: 45 },
      ["approved 400 changed lines in 45 s (under 230 s)"],
    ],
    [{ linesChanged: 20, files: 5, filesViewed: 3, secondsSpent: 600 }, ["opened 3 of 5 files"]],
    [
      { linesChanged: 1200, files: 30, filesViewed: 0, secondsSpent: 12 },
      ["approved 1200 changed lines in 12 s (under 630 s)", "opened 0 of 30 files"],
    ],
    [{ linesChanged: 0, files: 0, filesViewed: 0, secondsSpent: 31 }, []],
  ])("%j -> %j", (input, reasons) => {
    expect(rubberStampReasons(input)).toEqual(reasons);
  });
});

describe("who sees the rubber-stamp flag", () => {
  it.each([
    [{ id: "m", oversees: true, reviewerId: "r", hasDecided: false }, true],
    [{ id: "r", oversees: false, reviewerId: "r", hasDecided: false }, true],
    [{ id: "o", oversees: false, reviewerId: "r", hasDecided: true }, true],
    [{ id: "o", oversees: false, reviewerId: "r", hasDecided: false }, false],
  ])("%j -> %s", (viewer, sees) => {
    expect(seesStampFlag(viewer)).toBe(sees);
  });
});
