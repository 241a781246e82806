import { describe, expect, it } from "vitest";
import { changeInputOf, pullRequestDisclosure, type PullRequestSnapshot } from "./pull-request";
import { unifiedDiff } from "./gitlab-diff";
import { changeContent } from "@/lib/domain/changes/content";

const TEMPLATE = (boxes: string, tools = "", wrote = "") => `## Why
Card authorisations time out at peak; one retry recovers most of them.

## AI disclosure
<!-- Tick exactly one. -->
${boxes}

Tools: ${tools}
What the AI wrote: ${wrote}

## Rollback plan
Revert the commit.
`;
const box = (ticked: string) =>
  [
    "No AI wrote any of this change",
    "AI assisted (completions I reviewed line by line)",
    "AI generated parts of it",
    "An AI agent wrote most of it",
  ]
    .map((label) => `- [${label === ticked ? "x" : " "}] ${label}`)
    .join("\n");

const trailer = (t: string) => ({ sha: "a".repeat(40), message: `Do it\n\nBody.\n\n${t}` });

describe("pullRequestDisclosure", () => {
  it.each([
    ["nothing ticked, no trailers", "", [], null, ["tick one box"]],
    ["no AI ticked", box("No AI wrote any of this change"), [], "NONE", []],
    [
      "assisted without tools",
      box("AI assisted (completions I reviewed line by line)"),
      [],
      "ASSISTED",
      ["Tools:"],
    ],
    [
      "generated, no tools, nothing said",
      box("AI generated parts of it"),
      [],
      "GENERATED",
      ["Tools:", "What the AI wrote"],
    ],
  ] as const)("%s", (_, boxes, commits, extent, missing) => {
    const d = pullRequestDisclosure(TEMPLATE(boxes), commits);
    expect(d.aiExtent).toBe(extent);
    expect(d.missing).toHaveLength(missing.length);
    missing.forEach((m, i) => expect(d.missing[i]).toContain(m));
  });

  it("takes the stronger of the box and the trailers, and the tools of both", () => {
    const d = pullRequestDisclosure(
      TEMPLATE(box("AI assisted (completions I reviewed line by line)"), "Cursor"),
      [trailer("Co-authored-by: Claude <noreply@anthropic.com>")],
    );
    expect(d.aiExtent).toBe("GENERATED");
    expect(d.aiTools).toEqual(["Cursor", "Claude Code"]);
    expect(d.aiWrote).toMatch(/^Per their trailers: aaaaaaa/);
    expect(d.missing).toEqual([]);
  });

  it("reads the trailers alone when the body has no template", () => {
    const d = pullRequestDisclosure(
      "Timeouts at peak fail checkouts; retry the card authorisation once.",
      [trailer("Assisted-by: GitHub Copilot")],
    );
    expect(d).toMatchObject({ aiExtent: "ASSISTED", aiTools: ["GitHub Copilot"], missing: [] });
    expect(d.intent).toMatch(/^Timeouts at peak/);
  });

  it("asks for the why when it is short", () => {
    const d = pullRequestDisclosure("## Why\nfix\n## AI disclosure\n- [x] No AI", []);
    expect(d.missing).toEqual([expect.stringContaining("Why")]);
  });

  it("reads the rollback plan and a box ticked with a capital X", () => {
    const d = pullRequestDisclosure(TEMPLATE("- [X] No AI wrote any of this change"), []);
    expect(d.aiExtent).toBe("NONE");
    expect(d.rollbackPlan).toBe("Revert the commit.");
  });
});

const snapshot = (over: Partial<PullRequestSnapshot> = {}): PullRequestSnapshot => ({
  number: 7,
  url: "https://github.com/acme/shop/pull/7",
  title: "Retry once",
  body: "",
  state: "open",
  draft: false,
  headSha: "b".repeat(40),
  baseRef: "main",
  headRef: "retry",
  authorLogin: "ana",
  diff: "diff --git a/x b/x\n",
  files: [{ path: "apps/new.ts", oldPath: "apps/old.ts", additions: 3, deletions: 1 }],
  commits: [],
  ...over,
});

describe("changeInputOf", () => {
  const complete = pullRequestDisclosure(TEMPLATE(box("No AI wrote any of this change")), []);

  it("submits a complete disclosure with the diff and the head commit", () => {
    const input = changeInputOf(snapshot(), "acme/storefront", complete);
    expect(input).toMatchObject({
      submit: true,
      repository: "acme/storefront",
      commit: "b".repeat(40),
      aiExtent: "NONE",
      diff: "diff --git a/x b/x\n",
      title: "Retry once",
    });
  });

  it("keeps a draft when the disclosure is missing", () => {
    const input = changeInputOf(snapshot(), "acme/storefront", pullRequestDisclosure("", []));
    expect(input.submit).toBe(false);
  });

  it("falls back to the files (both sides of a rename) when the host gives no diff", () => {
    const input = changeInputOf(snapshot({ diff: null, title: "Fix" }), "a/b", complete);
    expect(input).toMatchObject({
      paths: ["apps/old.ts", "apps/new.ts"],
      linesChanged: 4,
      title: "Fix (#7)",
    });
    expect(input).not.toHaveProperty("diff");
  });
});

describe("unifiedDiff (GitLab)", () => {
  it("writes headers the diff parser reads, renames on both sides", () => {
    const diff = unifiedDiff([
      {
        old_path: "apps/old.ts",
        new_path: "apps/new.ts",
        new_file: false,
        renamed_file: true,
        deleted_file: false,
        diff: "@@ -1 +1 @@\n-a\n+b\n",
      },
      {
        old_path: "db/new.sql",
        new_path: "db/new.sql",
        new_file: true,
        renamed_file: false,
        deleted_file: false,
        diff: "@@ -0,0 +1,2 @@\n+create table x();\n+select 1;\n",
      },
    ]);
    const content = changeContent({ diff, paths: [] });
    expect([...content.routingPaths].sort()).toEqual(["apps/new.ts", "apps/old.ts", "db/new.sql"]);
    expect([...content.paths].sort()).toEqual(["apps/new.ts", "db/new.sql"]);
    expect(content.linesAdded).toBe(3);
    expect(content.linesRemoved).toBe(1);
  });
});
