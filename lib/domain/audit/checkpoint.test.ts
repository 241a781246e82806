import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  checkpointMessage,
  checkpointProblem,
  checkpointSignatureProblem,
  keyIdOf,
  signHead,
} from "./checkpoint";

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const other = generateKeyPairSync("ed25519");
const at = new Date("2026-12-06T12:00:00.000Z");
const head = (seq: number, hash = "a".repeat(64)) => ({ seq, hash, at });

describe("audit checkpoints", () => {
  it("signs a plain-text message naming seq, hash and time", () => {
    expect(checkpointMessage(head(7))).toBe(
      `countersign audit checkpoint v1\nseq 7\nhash ${"a".repeat(64)}\nat 2026-12-06T12:00:00.000Z\n`,
    );
    const checkpoint = signHead(head(7), privateKey);
    expect(checkpoint.keyId).toBe(keyIdOf(publicKey));
    expect(checkpointSignatureProblem(checkpoint, publicKey)).toBeNull();
  });

  it.each([
    ["an altered hash", { hash: "b".repeat(64) }],
    ["an altered seq", { seq: 8 }],
    ["an altered time", { at: new Date("2026-12-06T12:00:01.000Z") }],
  ])("refuses a checkpoint with %s", (_name, change) => {
    const checkpoint = { ...signHead(head(7), privateKey), ...change };
    expect(checkpointSignatureProblem(checkpoint, publicKey)).toMatch(/bad signature/);
  });

  it("refuses a checkpoint signed by another key", () => {
    const checkpoint = signHead(head(7), other.privateKey);
    expect(checkpointSignatureProblem(checkpoint, publicKey)).toMatch(/not the verification key/);
  });

  const signed = [signHead(head(10, "h10"), privateKey), signHead(head(20, "h20"), privateKey)];
  it.each([
    [
      "the chain agrees",
      new Map([
        [10, "h10"],
        [20, "h20"],
      ]),
      25,
      null,
    ],
    [
      "the chain was rehashed after seq 10",
      new Map([
        [10, "h10"],
        [20, "x20"],
      ]),
      25,
      20,
    ],
    [
      "the chain was rehashed from the start",
      new Map([
        [10, "x10"],
        [20, "x20"],
      ]),
      25,
      10,
    ],
    ["events were removed", new Map([[10, "h10"]]), 15, 20],
  ])("%s", (_name, hashes, last, seq) => {
    const problem = checkpointProblem(signed, hashes, last);
    expect(problem?.seq ?? null).toBe(seq);
  });

  it("names the range a rewrite lies in", () => {
    const problem = checkpointProblem(
      signed,
      new Map([
        [10, "h10"],
        [20, "x20"],
      ]),
      25,
    );
    expect(problem?.problem).toMatch(/seq 11-20 was rewritten/);
  });
});
