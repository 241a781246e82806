// Every entry point declares what it needs (docs/architecture.md, "Entry points"): a page or route handler added
// without a declaration fails this test instead of going live open.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const APP = path.resolve("app");
const PUBLIC_PAGES = new Set(["app/(auth)/sign-in/page.tsx"]);
const NEXT_AUTH_ROUTE = "app/api/auth/[...nextauth]/route.ts";

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const files = walk(APP).map((f) => path.relative(process.cwd(), f).split(path.sep).join("/"));

describe("entry points", () => {
  it("finds the app's pages and routes", () => {
    expect(files.filter((f) => f.endsWith("page.tsx")).length).toBeGreaterThan(3);
    expect(files.filter((f) => f.endsWith("route.ts")).length).toBeGreaterThan(1);
  });

  it.each(files.filter((f) => f.endsWith("/route.ts") && f !== NEXT_AUTH_ROUTE))(
    "%s declares withAuth or publicRoute for every method",
    (file) => {
      const source = readFileSync(file, "utf8");
      const methods = [
        ...source.matchAll(
          /export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g,
        ),
      ].map((m) => m[1]);
      expect(methods.length).toBeGreaterThan(0);
      for (const method of methods) {
        expect(source, `${method} in ${file}`).toMatch(
          new RegExp(`export const ${method} = (withAuth|publicRoute)\\b`),
        );
      }
    },
  );

  it.each(files.filter((f) => f.endsWith("/page.tsx") && !PUBLIC_PAGES.has(f)))(
    "%s calls requirePage",
    (file) => {
      expect(readFileSync(file, "utf8")).toMatch(/await requirePage\("[a-z]+:[a-z-]+"/);
    },
  );

  it.each(
    files.filter(
      (f) => /\.(ts|tsx)$/.test(f) && readFileSync(f, "utf8").startsWith('"use server"'),
    ),
  )("%s wraps server actions in authedAction", (file) => {
    expect(readFileSync(file, "utf8")).toMatch(/authedAction\(/);
  });
});
