// Code comments cite the repository's own design record (docs/architecture.md, docs/decisions/)
// or the README, never documents outside the repository, which a reader of the code may not have.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { projectSources } from "./sources";

const OUTSIDE = /\bSPEC(?: section| \d|\.md| default)|\bSTYLE\.md|\.\.\/shared\//;

describe("citations", () => {
  it("no source file cites a document outside the repository", () => {
    const files = [...projectSources(), ...projectSources(["e2e"])];
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => OUTSIDE.test(readFileSync(f, "utf8")))).toEqual([]);
  });

  it("the rule can fail, and lets a SUSPECT link through", () => {
    expect(OUTSIDE.test("// (SPEC section 3)")).toBe(true);
    expect(OUTSIDE.test("// (STYLE.md pattern 4)")).toBe(true);
    expect(OUTSIDE.test('kind: "SUSPECT"')).toBe(false);
  });
});
