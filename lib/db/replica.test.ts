import { describe, expect, it } from "vitest";
import { freshAsOf, lsnValue } from "./replica";

describe("replica freshness", () => {
  it.each([
    ["0/0", 0n],
    ["0/16B3748", 0x16b3748n],
    ["1/0", 1n << 32n],
    ["16/B374D848", (0x16n << 32n) + 0xb374d848n],
  ])("reads the WAL position %s", (lsn, value) => {
    expect(lsnValue(lsn)).toBe(value);
  });

  const samples = [
    { at: 1000, lsn: 100n },
    { at: 2000, lsn: 200n },
    { at: 3000, lsn: 300n },
  ];
  it.each([
    { replayed: [300n], asOf: 3000, why: "caught up" },
    { replayed: [250n], asOf: 2000, why: "between two samples: the earlier one" },
    { replayed: [300n, 150n], asOf: 1000, why: "the slowest replica counts" },
    { replayed: [99n], asOf: null, why: "behind every sample" },
    { replayed: [300n, null], asOf: null, why: "one replica could not say" },
  ])("$why", ({ replayed, asOf }) => {
    expect(freshAsOf(samples, replayed)).toBe(asOf);
  });
});
