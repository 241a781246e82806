import { describe, expect, it } from "vitest";
import { DiffError, normaliseDiff, parseUnifiedDiff } from "./parse";

const GIT = `diff --git a/src/app.ts b/src/app.ts
index 1111111..2222222 100644
--- a/src/app.ts
+++ b/src/app.ts
@@ -1,3 +1,4 @@
 const a = 1;
-const b = 2;
+const b = 3;
+const c = 4;
 export { a, b };
diff --git a/old.txt b/old.txt
deleted file mode 100644
index 3333333..0000000
--- a/old.txt
+++ /dev/null
@@ -1,2 +0,0 @@
-gone
-too
`;

describe("parseUnifiedDiff", () => {
  it("reads paths and line counts from a git diff", () => {
    const parsed = parseUnifiedDiff(GIT);
    expect(parsed.paths).toEqual(["src/app.ts", "old.txt"]);
    expect([parsed.linesAdded, parsed.linesRemoved]).toEqual([2, 3]);
    expect(parsed.files.map((f) => f.type)).toEqual(["modify", "delete"]);
  });

  it("reads a plain `diff -u` diff and CRLF line endings", () => {
    const plain = "--- a/x.py\r\n+++ b/x.py\r\n@@ -1 +1 @@\r\n-print(1)\r\n+print(2)\r\n";
    const parsed = parseUnifiedDiff(plain);
    expect(parsed.paths).toEqual(["x.py"]);
    expect([parsed.linesAdded, parsed.linesRemoved]).toEqual([1, 1]);
    expect(normaliseDiff(plain)).toMatch(/^diff --git a\/x.py b\/x.py\n/);
  });

  it("reads a new file in a plain diff", () => {
    const parsed = parseUnifiedDiff(
      "--- /dev/null\n+++ b/new.sql\n@@ -0,0 +1,2 @@\n+CREATE TABLE t (id int);\n+INSERT INTO t VALUES (1);\n",
    );
    expect(parsed.paths).toEqual(["new.sql"]);
    expect(parsed.linesAdded).toBe(2);
  });

  it.each([
    ["prose", "Please review my change, thanks!", /no file headers/],
    ["an empty upload", "", /no file headers/],
    [
      "a truncated hunk",
      GIT.replace("@@ -1,3 +1,4 @@", "@@ -1,9 +1,4 @@"),
      /promises 9 old and 4 new lines but has 3 and 4/,
    ],
    ["a binary upload", "PK\u0003\u0004\u0000\u0000binary", /NUL bytes/],
  ])("refuses %s", (_name, text, message) => {
    expect(() => parseUnifiedDiff(text)).toThrow(DiffError);
    expect(() => parseUnifiedDiff(text)).toThrow(message);
  });
});
