import { describe, expect, it } from "vitest";
import { aiWrittenRegions, hunkIsAiWritten } from "./ai-wrote";

const PATHS = [
  "src/pay.ts",
  "src/payments/retry.ts",
  "src/payments/jitter.ts",
  "lib/util.ts",
  "test/util.ts",
  "README.md",
];

describe("what the disclosure says the AI wrote", () => {
  it.each([
    ["The retry helper in src/pay.ts.", { "src/pay.ts": "all" }],
    [
      "src/pay.ts:10-40 and src/pay.ts#L50-L52",
      {
        "src/pay.ts": [
          { start: 10, end: 40 },
          { start: 50, end: 52 },
        ],
      },
    ],
    [
      "everything in src/payments/",
      { "src/payments/retry.ts": "all", "src/payments/jitter.ts": "all" },
    ],
    ["pay.ts, with tests", { "src/pay.ts": "all" }],
    // util.ts names two files: by its name alone it is not known which.
    ["util.ts", {}],
    ["lib/util.ts:3", { "lib/util.ts": [{ start: 3, end: 3 }] }],
    ["src/pay.tsx is not here; nor is mysrc/pay.ts", {}],
    ["", {}],
  ])("%j -> %j", (text, expected) => {
    expect(Object.fromEntries(aiWrittenRegions(text, PATHS))).toEqual(expected);
  });

  it.each([
    ["all", { newStart: 1, newLines: 3 }, true],
    [[{ start: 10, end: 20 }], { newStart: 18, newLines: 5 }, true],
    [[{ start: 10, end: 20 }], { newStart: 21, newLines: 5 }, false],
    [[{ start: 10, end: 20 }], { newStart: 5, newLines: 5 }, false],
    [undefined, { newStart: 1, newLines: 3 }, false],
  ] as const)("regions %j and hunk %j -> %s", (regions, hunk, marked) => {
    expect(hunkIsAiWritten(regions as never, hunk)).toBe(marked);
  });
});
