import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkPath, pathProblems, routingPaths, routingPathsOf, type ChangedFile } from "./paths";
import { parseUnifiedDiff, DiffError } from "@/lib/domain/diff/parse";
import { compileRules } from "@/lib/domain/ownership/matcher";

describe("checkPath", () => {
  it.each([
    ["apps/web/checkout/pay.ts", true],
    ["README.md", true],
    [".github/CODEOWNERS", true],
    ["a/.b/c..d/e.", true],
    ["apps/web/./checkout/pay.ts", false],
    ["./apps/web/checkout/pay.ts", false],
    ["apps//web/checkout/pay.ts", false],
    ["apps/web/x/../checkout/pay.ts", false],
    ["../outside.ts", false],
    ["/apps/web/checkout/pay.ts", false],
    ["apps/web/", false],
    ["apps\\web\\pay.ts", false],
    ["apps/web/\tpay.ts", false],
    ["", false],
  ])("%j -> canonical %s", (path, ok) => {
    expect(checkPath(path).ok).toBe(ok);
  });

  it("names each bad path and its problem", () => {
    expect(pathProblems(["ok.ts", "a/./b.ts"])).toEqual([
      { path: "a/./b.ts", problem: "has a . segment: give the path as git writes it" },
    ]);
  });
});

describe("routing paths of a changed file", () => {
  it.each<[ChangedFile, string[]]>([
    [{ type: "modify", oldPath: "a.ts", newPath: "a.ts" }, ["a.ts"]],
    [{ type: "add", oldPath: "/dev/null", newPath: "a.ts" }, ["a.ts"]],
    [{ type: "delete", oldPath: "a.ts", newPath: "/dev/null" }, ["a.ts"]],
    [{ type: "rename", oldPath: "pay/a.ts", newPath: "misc/a.ts" }, ["pay/a.ts", "misc/a.ts"]],
    [{ type: "copy", oldPath: "pay/a.ts", newPath: "misc/a.ts" }, ["pay/a.ts", "misc/a.ts"]],
    // gitdiff-parser calls a rename with edits a "modify": the old side still counts.
    [{ type: "modify", oldPath: "pay/a.ts", newPath: "misc/a.ts" }, ["pay/a.ts", "misc/a.ts"]],
  ])("%j -> %j", (file, paths) => {
    expect(routingPathsOf(file)).toEqual(paths);
  });
});

// Properties: any canonical path, and every non-canonical spelling of it.
const segment = fc
  .stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,11}$/)
  .filter((s) => s !== "." && s !== "..");
const canonical = fc.array(segment, { minLength: 1, maxLength: 6 }).map((s) => s.join("/"));
/** A spelling of `path` git never writes: a `.`, empty or `..` segment, or a leading `./` or `/`. */
const respelled = fc
  .tuple(canonical, fc.nat(), fc.constantFrom("dot", "empty", "dotdot", "leading-dot", "absolute"))
  .map(([path, at, how]) => {
    const parts = path.split("/");
    const i = at % parts.length;
    switch (how) {
      case "dot":
        return { path, spelled: [...parts.slice(0, i), ".", ...parts.slice(i)].join("/") };
      case "empty":
        return { path, spelled: [...parts.slice(0, i), "", ...parts.slice(i)].join("/") };
      case "dotdot":
        return { path, spelled: [...parts.slice(0, i), "x", "..", ...parts.slice(i)].join("/") };
      case "leading-dot":
        return { path, spelled: `./${path}` };
      default:
        return { path, spelled: `/${path}` };
    }
  });

const hunk = (path: string) =>
  `diff --git a/${path} b/${path}\n--- a/${path}\n+++ b/${path}\n@@ -1 +1 @@\n-a\n+b\n`;

describe("properties", () => {
  it("every canonical path is accepted as it is", () => {
    fc.assert(
      fc.property(canonical, (path) => {
        expect(checkPath(path)).toEqual({ ok: true, path });
      }),
    );
  });

  it("every non-canonical spelling is refused, in a list and in a diff header", () => {
    fc.assert(
      fc.property(respelled, ({ spelled }) => {
        expect(checkPath(spelled).ok).toBe(false);
        expect(() => parseUnifiedDiff(hunk(spelled))).toThrow(DiffError);
      }),
    );
  });

  it("a rename with edits routes to the owners of both sides", () => {
    fc.assert(
      fc.property(canonical, canonical, (from, to) => {
        fc.pre(from !== to);
        const diff = `diff --git a/${from} b/${to}\nsimilarity index 80%\nrename from ${from}\nrename to ${to}\n--- a/${from}\n+++ b/${to}\n@@ -1 +1 @@\n-a\n+b\n`;
        expect(parseUnifiedDiff(diff).routingPaths).toEqual([from, to]);
      }),
    );
  });

  it("a rename or copy routes to the owners of both sides", () => {
    fc.assert(
      fc.property(canonical, canonical, fc.constantFrom("rename", "copy"), (from, to, kind) => {
        fc.pre(from !== to);
        const diff = `diff --git a/${from} b/${to}\nsimilarity index 100%\n${kind} from ${from}\n${kind} to ${to}\n`;
        const parsed = parseUnifiedDiff(diff);
        expect(parsed.routingPaths).toEqual([from, to]);
        // Whatever owns either side owns the change: a rule for exactly one side still matches.
        for (const side of [from, to]) {
          const matcher = compileRules([
            { pattern: "*", value: "elsewhere" },
            { pattern: `/${side}`, value: "owner" },
          ]);
          expect(parsed.routingPaths.map((p) => matcher.match(p)?.value)).toContain("owner");
        }
      }),
    );
  });

  it("a change's routing paths are all canonical whenever its diff parses", () => {
    fc.assert(
      fc.property(fc.array(canonical, { minLength: 1, maxLength: 5 }), (paths) => {
        const parsed = parseUnifiedDiff([...new Set(paths)].map(hunk).join(""));
        expect(parsed.routingPaths.every((p) => checkPath(p).ok)).toBe(true);
        expect(routingPaths(parsed.files)).toEqual(parsed.routingPaths);
      }),
    );
  });
});
