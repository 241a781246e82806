import { describe, expect, it } from "vitest";
import {
  changeRequestBody,
  diffSummary,
  EMPTY_DRAFT,
  previewRequestBody,
  splitList,
} from "./draft-form";

const diff = "diff --git a/a.ts b/a.ts\n--- a/a.ts\n+++ b/a.ts\n@@ -1 +1 @@\n-a\n+b\n";

describe("the submit form's rules", () => {
  it.each([
    ["a, b\nc", ["a", "b", "c"]],
    ["  ", []],
    ["a\n\n,b", ["a", "b"]],
  ])("splitList(%j)", (text, list) => {
    expect(splitList(text)).toEqual(list);
  });

  it("summarises a diff, or says why it cannot be read", () => {
    expect(diffSummary("")).toBeNull();
    expect(diffSummary(diff)).toEqual({ ok: true, files: 1, added: 1, removed: 1 });
    expect(diffSummary("not a diff")).toMatchObject({ ok: false });
  });

  it("sends the diff when there is one, else the paths and line count", () => {
    const withDiff = changeRequestBody({ ...EMPTY_DRAFT, diff, paths: "x.ts" }, true, "CR-1");
    expect(withDiff).toMatchObject({ key: "CR-1", submit: true, diff });
    expect(withDiff).not.toHaveProperty("paths");
    const listed = changeRequestBody(
      { ...EMPTY_DRAFT, paths: "a.ts, b.ts", linesChanged: "12" },
      false,
    );
    expect(listed).toMatchObject({ submit: false, paths: ["a.ts", "b.ts"], linesChanged: 12 });
    expect(listed).not.toHaveProperty("key");
  });

  it.each([
    ["no repository", { ...EMPTY_DRAFT, paths: "a.ts" }, false],
    ["no paths and no diff", { ...EMPTY_DRAFT, repository: "acme/x" }, false],
    ["an unreadable diff", { ...EMPTY_DRAFT, repository: "acme/x", diff: "nope" }, false],
    ["no AI extent chosen", { ...EMPTY_DRAFT, repository: "acme/x", paths: "a.ts" }, false],
    [
      "paths",
      { ...EMPTY_DRAFT, repository: "acme/x", paths: "a.ts", aiExtent: "NONE" as const },
      true,
    ],
    ["a diff", { ...EMPTY_DRAFT, repository: "acme/x", diff, aiExtent: "AGENTIC" as const }, true],
  ])("previews with %s: %s", (_name, values, previews) => {
    expect(previewRequestBody(values) !== null).toBe(previews);
  });

  it("has no AI extent until the author chooses one", () => {
    expect(EMPTY_DRAFT.aiExtent).toBe("");
    expect(changeRequestBody(EMPTY_DRAFT, false)).not.toHaveProperty("aiExtent");
    expect(changeRequestBody({ ...EMPTY_DRAFT, aiExtent: "NONE" }, false)).toMatchObject({
      aiExtent: "NONE",
    });
  });
});
