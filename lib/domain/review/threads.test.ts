import { describe, expect, it } from "vitest";
import { parseUnifiedDiff } from "@/lib/domain/diff/parse";
import { REV1, REV2 } from "@/lib/testing/pay-diffs";
import { anchorLines, mentionsIn, placeThread, sideLines, suggestionsIn } from "./threads";

const files1 = parseUnifiedDiff(REV1).files;
const files2 = parseUnifiedDiff(REV2).files;

describe("the lines a diff shows", () => {
  it("reads each side", () => {
    expect([...sideLines(files1[0]!, "NEW")]).toEqual([
      [1, 'import { charge } from "./charge";'],
      [2, "const RETRIES = 5;"],
      [3, "const TIMEOUT_MS = 2000;"],
      [4, "export function pay(amount: number) {"],
      [5, "  return charge(amount, RETRIES);"],
      [6, "}"],
    ]);
    expect(sideLines(files1[0]!, "OLD").get(2)).toBe("const RETRIES = 3;");
  });
});

describe("anchoring a new thread", () => {
  it.each([
    [{ path: "src/pay.ts", side: "NEW", startLine: 3, endLine: 3 }, ["const TIMEOUT_MS = 2000;"]],
    [
      { path: "src/pay.ts", side: "NEW", startLine: 4, endLine: 5 },
      ["export function pay(amount: number) {", "  return charge(amount, RETRIES);"],
    ],
    [{ path: "src/pay.ts", side: "OLD", startLine: 2, endLine: 2 }, ["const RETRIES = 3;"]],
  ] as const)("%j holds %j", (anchor, text) => {
    expect(anchorLines(files1, anchor)).toEqual({ ok: true, anchorText: text });
  });

  it.each([
    [{ path: "src/other.ts", side: "NEW", startLine: 1, endLine: 1 }, "path"],
    [{ path: "src/pay.ts", side: "NEW", startLine: 40, endLine: 40 }, "startLine"],
    [{ path: "src/pay.ts", side: "NEW", startLine: 5, endLine: 9 }, "endLine"],
    [{ path: "src/pay.ts", side: "NEW", startLine: 5, endLine: 4 }, "endLine"],
    [{ path: "src/pay.ts", side: "OLD", startLine: 1, endLine: 300 }, "endLine"],
  ] as const)("%j is refused on %s", (anchor, field) => {
    const verdict = anchorLines(files1, anchor);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.field).toBe(field);
  });
});

describe("a thread in a later revision", () => {
  const on = (startLine: number, endLine: number, side: "OLD" | "NEW" = "NEW") => {
    const verdict = anchorLines(files1, { path: "src/pay.ts", side, startLine, endLine });
    if (!verdict.ok) throw new Error(verdict.problem);
    return { path: "src/pay.ts", side, startLine, endLine, anchorText: verdict.anchorText };
  };

  it("stays on an unchanged line, moved by the lines added above it", () => {
    expect(placeThread(on(5, 5), files2)).toEqual({
      path: "src/pay.ts",
      side: "NEW",
      startLine: 6,
      endLine: 6,
    });
  });
  it("keeps a range together", () => {
    expect(placeThread(on(4, 6), files2)).toMatchObject({ startLine: 5, endLine: 7 });
  });
  it("is outdated when its line is gone", () => {
    expect(placeThread(on(3, 3), files2)).toBeNull();
    expect(placeThread(on(2, 2), files2)).toBeNull();
  });
  it("stays where it was when the same line numbers still hold the text", () => {
    expect(placeThread(on(2, 2, "OLD"), files2)).toMatchObject({ side: "OLD", startLine: 2 });
  });
  it("is outdated when its file left the change", () => {
    expect(placeThread({ ...on(5, 5), path: "src/gone.ts" }, files2)).toBeNull();
  });
});

describe("mentions and suggestions", () => {
  it.each([
    ["@ana.lima please look", ["ana.lima"]],
    ["cc @Ana.Lima and @bo, also @bo.", ["ana.lima", "bo"]],
    ["mail ops@example.com", []],
    ["`@notme` and ```\n@neither\n```", []],
    ["no mentions", []],
  ])("%j mentions %j", (body, handles) => {
    expect(mentionsIn(body)).toEqual(handles);
  });
  it("finds suggested changes", () => {
    expect(
      suggestionsIn("Try:\n```suggestion\nconst RETRIES = 3;\n```\nand\n```suggestion\n```"),
    ).toEqual(["const RETRIES = 3;", ""]);
  });
});
