import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compilePattern, ownerKind, parseCodeowners } from "./codeowners";
import { compileRules, ownersOf } from "./matcher";

// The example file from GitHub's documentation ("About code owners"), whole.
const GITHUB_EXAMPLE = `# This is a comment.
# Each line is a file pattern followed by one or more owners.

# These owners will be the default owners for everything in
# the repo. Unless a later match takes precedence,
# @global-owner1 and @global-owner2 will be requested for
# review when someone opens a pull request.
*       @global-owner1 @global-owner2

# Order is important; the last matching pattern takes the most
# precedence. When someone opens a pull request that only
# modifies JS files, only @js-owner and not the global
# owner(s) will be requested for a review.
*.js    @js-owner #This is an inline comment.

# You can also use email addresses if you prefer.
*.go docs@example.com

# Teams can be specified as code owners as well.
*.txt @octo-org/octocats

# @doctocat owns any files in the build/logs directory at the root of the repository
# and any of its subdirectories.
/build/logs/ @doctocat

# The \`docs/*\` pattern will match files like \`docs/getting-started.md\` but not
# further nested files like \`docs/build-app/troubleshooting.md\`.
docs/* docs@example.com

# @octocat owns any file in an apps directory anywhere in your repository.
apps/ @octocat

# @doctocat owns any file in the \`/docs\` directory in the root of your repository
# and any of its subdirectories.
/docs/ @doctocat

# Any change inside the \`/scripts\` directory will require approval from @doctocat or @octocat.
/scripts/ @doctocat @octocat

# @octocat owns any file in a \`/logs\` directory such as \`/build/logs\`, \`/scripts/logs\`,
# and \`/deeply/nested/logs\`.
**/logs @octocat

# @octocat owns any file in the \`/apps\` directory in the root of your repository except for
# the \`/apps/github\` subdirectory, as this subdirectory has its own owners.
/apps/ @octocat
/apps/github

# @octocat owns any file in the \`/apps\` directory in the root of your repository except for
# the \`/apps/github\` subdirectory, as this subdirectory has its own owners.
/apps/ @octocat
/apps/github @doctocat
`;

describe("GitHub's documented example", () => {
  const parsed = parseCodeowners(GITHUB_EXAMPLE);
  const matcher = compileRules(parsed.rules.map((r) => ({ pattern: r.pattern, value: r.owners })));

  it("parses without problems, skipping comments and blank lines", () => {
    expect(parsed.problems).toEqual([]);
    expect(parsed.rules.map((r) => r.pattern)).toEqual([
      "*",
      "*.js",
      "*.go",
      "*.txt",
      "/build/logs/",
      "docs/*",
      "apps/",
      "/docs/",
      "/scripts/",
      "**/logs",
      "/apps/",
      "/apps/github",
      "/apps/",
      "/apps/github",
    ]);
    expect(parsed.rules[1]).toEqual({ line: 14, pattern: "*.js", owners: ["@js-owner"] });
  });

  it.each([
    ["README.md", ["@global-owner1", "@global-owner2"]],
    ["src/deep/file.rb", ["@global-owner1", "@global-owner2"]],
    ["index.js", ["@js-owner"]],
    ["src/lib/index.js", ["@js-owner"]],
    ["main.go", ["docs@example.com"]],
    ["cmd/tool/main.go", ["docs@example.com"]],
    ["notes.txt", ["@octo-org/octocats"]],
    ["a/b/c/notes.txt", ["@octo-org/octocats"]],
    ["build/logs/today.log", ["@octocat"]], // "**/logs" comes later than "/build/logs/" and wins
    ["build/logs/2026/11/today.out", ["@octocat"]],
    ["build/output.bin", ["@global-owner1", "@global-owner2"]],
    ["docs/getting-started.md", ["@doctocat"]], // "/docs/" is a later line than "docs/*"
    ["docs/build-app/troubleshooting.md", ["@doctocat"]],
    ["guides/docs/intro.md", ["@global-owner1", "@global-owner2"]], // "docs/*" has a "/": anchored to the root
    ["web/apps/site.rb", ["@octocat"]],
    ["apps/site.rb", ["@octocat"]],
    ["apps/github/main.rb", ["@doctocat"]],
    ["apps/github", ["@doctocat"]],
    ["apps/githubber/main.rb", ["@octocat"]],
    ["scripts/deploy.sh", ["@doctocat", "@octocat"]],
    ["scripts/lib/util.sh", ["@doctocat", "@octocat"]],
    ["scripts/logs/run.log", ["@octocat"]],
    ["deeply/nested/logs/x.log", ["@octocat"]],
    ["logs/root.log", ["@octocat"]],
    ["catalogs/items.csv", ["@global-owner1", "@global-owner2"]],
    ["Scripts/deploy.sh", ["@global-owner1", "@global-owner2"]], // case-sensitive
    ["DOCS/readme.md", ["@global-owner1", "@global-owner2"]],
    ["index.JS", ["@global-owner1", "@global-owner2"]],
  ])("%s -> %j", (path, owners) => {
    expect(matcher.match(path)?.value ?? []).toEqual(owners);
  });

  it("a matching line without owners makes the path unowned", () => {
    const m = compileRules(
      parseCodeowners("/apps/ @octocat\n/apps/github\n").rules.map((r) => ({
        pattern: r.pattern,
        value: r.owners,
      })),
    );
    expect(m.match("apps/github/x.rb")?.value).toEqual([]);
    expect(m.match("apps/other/x.rb")?.value).toEqual(["@octocat"]);
    expect(m.match("lib/x.rb")).toBeNull();
  });
});

describe("pattern matching", () => {
  it.each([
    // [pattern, path, matches]
    ["*", "a", true],
    ["*", "a/b/c.txt", true],
    ["*.md", "README.md", true],
    ["*.md", "docs/guide/intro.md", true],
    ["*.md", "README.mdx", false],
    ["/*.md", "README.md", true],
    ["/*.md", "docs/README.md", false],
    ["/*", "package.json", true],
    ["/*", "src/index.ts", false],
    ["docs/*", "docs/a.md", true],
    ["docs/*", "docs/a/b.md", false],
    ["docs/*", "x/docs/a.md", false],
    ["docs/", "docs/a/b.md", true],
    ["docs/", "x/y/docs/a.md", true],
    ["docs/", "docs", false],
    ["docs", "docs", true],
    ["docs", "docs/a.md", true],
    ["docs", "x/docs/a.md", true],
    ["docs", "mydocs/a.md", false],
    ["/docs", "docs/a.md", true],
    ["/docs", "x/docs/a.md", false],
    ["/docs/", "docs/deep/er/a.md", true],
    ["src/app", "src/app/main.ts", true],
    ["src/app", "lib/src/app/main.ts", false],
    ["src/app/", "src/app", false],
    ["**/logs", "logs/a", true],
    ["**/logs", "a/b/logs/c", true],
    ["**/logs", "a/b/logsx/c", false],
    ["logs/**", "logs/a/b", true],
    ["logs/**", "logs", false],
    ["logs/**", "x/logs/a", false],
    ["a/**/b", "a/b", true],
    ["a/**/b", "a/x/b", true],
    ["a/**/b", "a/x/y/b/z.txt", true],
    ["a/**/b", "a/x/y/c", false],
    ["src/*.ts", "src/index.ts", true],
    ["src/*.ts", "src/lib/index.ts", false],
    ["src/**/*.ts", "src/lib/deep/index.ts", true],
    ["src/**/*.ts", "src/index.ts", true],
    ["file?.txt", "file1.txt", true],
    ["file?.txt", "file12.txt", false],
    ["file?.txt", "dir/file1.txt", true],
    ["a?c", "a/c", false],
    ["*.config.js", "webpack.config.js", true],
    ["foo.bar", "fooxbar", false],
    ["/build/logs/", "build/logs/x/y.log", true],
    ["/build/logs/", "src/build/logs/x.log", false],
    ["apps/", "apps", false],
    ["**", "any/thing/at/all", true],
    ["Makefile", "tools/Makefile", true],
    ["Makefile", "tools/makefile", false],
    ["/.github/", ".github/workflows/ci.yml", true],
    [".github/workflows/", ".github/workflows/ci.yml", true],
    ["*.min.*", "dist/app.min.js", true],
    ["(weird)+name", "(weird)+name", true],
    ["a+b", "aab", false],
  ] as const)("%s ~ %s: %s", (pattern, path, matches) => {
    expect(compilePattern(pattern).regex.test(path)).toBe(matches);
  });
});

describe("parsing", () => {
  it.each([
    ["comment only", "# nothing here\n   # indented comment\n\n", [], []],
    [
      "inline comment after owners",
      "/api/ @a @b # the API team\n",
      [{ line: 1, pattern: "/api/", owners: ["@a", "@b"] }],
      [],
    ],
    [
      "hash inside a pattern is not a comment",
      "docs#1 @a\n",
      [{ line: 1, pattern: "docs#1", owners: ["@a"] }],
      [],
    ],
    [
      "tabs and extra spaces",
      "\t*.ts\t\t@a   @org/team-x  \n",
      [{ line: 1, pattern: "*.ts", owners: ["@a", "@org/team-x"] }],
      [],
    ],
    [
      "owner forms",
      "* @user dev@example.com @my-org/my_team.2\n",
      [{ line: 1, pattern: "*", owners: ["@user", "dev@example.com", "@my-org/my_team.2"] }],
      [],
    ],
    ["no owners", "/vendor/\n", [{ line: 1, pattern: "/vendor/", owners: [] }], []],
    [
      "CRLF line endings",
      "*.js @a\r\n*.go @b\r\n",
      [
        { line: 1, pattern: "*.js", owners: ["@a"] },
        { line: 2, pattern: "*.go", owners: ["@b"] },
      ],
      [],
    ],
    [
      "negation is reported and skipped",
      "*.js @a\n!vendor.js @b\n",
      [{ line: 1, pattern: "*.js", owners: ["@a"] }],
      [{ line: 2, message: "negation (!) is not supported in CODEOWNERS" }],
    ],
    [
      "ranges are reported and skipped",
      "file[0-9].txt @a\n",
      [],
      [{ line: 1, message: "character ranges ([ ]) are not supported in CODEOWNERS" }],
    ],
    [
      "escaped hash is reported and skipped",
      "\\#notes @a\n",
      [],
      [{ line: 1, message: "escapes (\\) are not supported in CODEOWNERS" }],
    ],
    [
      "invalid owner is reported and skipped",
      "/api/ api-team\n",
      [],
      [
        {
          line: 1,
          message: "invalid owner: api-team (expected @user, @org/team or an e-mail address)",
        },
      ],
    ],
    [
      "several invalid owners",
      "/api/ @ok bad1 @/bad2\n",
      [],
      [
        {
          line: 1,
          message: "invalid owners: bad1, @/bad2 (expected @user, @org/team or an e-mail address)",
        },
      ],
    ],
    [
      "line numbers count blank and comment lines",
      "\n# c\n\n/x/ @a\n!y\n",
      [{ line: 4, pattern: "/x/", owners: ["@a"] }],
      [{ line: 5, message: "negation (!) is not supported in CODEOWNERS" }],
    ],
  ])("%s", (_name, text, rules, problems) => {
    const parsed = parseCodeowners(text);
    expect(parsed.rules).toEqual(rules);
    expect(parsed.problems.map(({ line, message }) => ({ line, message }))).toEqual(problems);
  });

  it.each([
    ["@octocat", "user"],
    ["@octo-org/octocats", "team"],
    ["docs@example.com", "email"],
    ["octocat", null],
    ["@", null],
    ["@-bad", null],
    ["@org/", null],
  ])("owner %s is %s", (owner, kind) => {
    expect(ownerKind(owner)).toBe(kind);
  });
});

describe("real CODEOWNERS files (fixtures/: three public projects' files with GitHub's answers)", () => {
  for (const name of ["apache-arrow", "dd-trace-js", "dd-trace-py"]) {
    it(`${name}: every path gets the owners GitHub gives it`, () => {
      const data = JSON.parse(
        readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8"),
      ) as {
        codeowners: string;
        cases: { path: string; owners: string[]; ambiguous?: boolean; alt_owners?: string[] }[];
      };
      const parsed = parseCodeowners(data.codeowners);
      const matcher = compileRules(
        parsed.rules.map((r) => ({ pattern: r.pattern, value: r.owners })),
      );
      const got = ownersOf(
        matcher,
        data.cases.map((c) => c.path),
      );
      const wrong = data.cases.filter((c) => {
        const owners = JSON.stringify(got[c.path]);
        return (
          owners !== JSON.stringify(c.owners) &&
          !(c.ambiguous && owners === JSON.stringify(c.alt_owners))
        );
      });
      expect(data.cases.length).toBeGreaterThanOrEqual(300);
      expect(wrong).toEqual([]);
    });
  }
});
