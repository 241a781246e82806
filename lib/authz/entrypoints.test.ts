// Every entry point declares what it needs (docs/architecture.md, "Entry points"): a page or route handler added
// without a declaration fails this test instead of going live open.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { projectSources } from "@/lib/testing/sources";

const PUBLIC_PAGES = new Set(["app/(auth)/sign-in/page.tsx"]);
const NEXT_AUTH_ROUTE = "app/api/auth/[...nextauth]/route.ts";

const files = projectSources(["app"]);

describe("entry points", () => {
  it("finds the app's pages and routes", () => {
    expect(files.filter((f) => f.endsWith("page.tsx")).length).toBeGreaterThan(3);
    expect(files.filter((f) => f.endsWith("route.ts")).length).toBeGreaterThan(1);
  });

  it.each(files.filter((f) => f.endsWith("/route.ts") && f !== NEXT_AUTH_ROUTE))(
    "%s declares withAuth, publicRoute, webhookReceiver or methodNotAllowed for every method",
    (file) => {
      const source = readFileSync(file, "utf8");
      const methods = [
        ...source.matchAll(
          /export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g,
        ),
      ].map((m) => m[1]);
      // webhookReceiver authenticates by the sender's signature and fails closed
      // (lib/server/integrations/webhooks.int.test.ts sends unsigned and mis-signed deliveries).
      // Every method is answered by the route (405 in the JSON shape for those it lacks), never
      // by the framework's empty 405.
      expect(methods.sort()).toEqual(["DELETE", "GET", "PATCH", "POST", "PUT"]);
      for (const method of methods) {
        expect(source, `${method} in ${file}`).toMatch(
          new RegExp(
            `export const ${method} = (withAuth|publicRoute|methodNotAllowed|noSuchRoute|webhookReceiver)\\b`,
          ),
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

  // A loading state starts the response (HTTP 200) before its page runs, so the page's own check
  // could only show a 403 page with status 200: the segment's layout must check first.
  it.each(files.filter((f) => f.endsWith("/loading.tsx")))(
    "%s has a layout that calls requirePage",
    (file) => {
      const layout = file.replace(/loading\.tsx$/, "layout.tsx");
      expect(files, `${layout} is missing`).toContain(layout);
      expect(readFileSync(layout, "utf8")).toMatch(/await requirePage\("[a-z]+:[a-z-]+"/);
    },
  );
});
