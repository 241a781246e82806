// Cross-site request forgery (issue 13): every state-changing route refuses a request that does not
// come from the portal's own pages, before reading the session or the body, and writes nothing.
import path from "node:path";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { appRoutes, routePath } from "@/lib/testing/routes";

type Handler = (
  req: NextRequest,
  ctx: { params: Promise<Record<string, unknown>> },
) => Promise<Response>;

const ORIGIN = "http://localhost:3000";
const FORGERIES: Array<[string, Record<string, string>]> = [
  ["another port (same-site)", { origin: "http://localhost:4000", "sec-fetch-site": "same-site" }],
  ["a sibling subdomain", { origin: "http://evil.localhost:3000", "sec-fetch-site": "same-site" }],
  ["another site", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }],
  ["an opaque origin", { origin: "null" }],
  ["no Origin at all", {}],
];

const writes = appRoutes().flatMap((route) =>
  route.methods.filter((m) => m !== "GET").map((method) => ({ route, method })),
);

describe("forged writes", () => {
  it("finds the writing routes", () => {
    expect(writes.length).toBeGreaterThan(10);
  });

  it.each(writes.map((w) => [`${w.method} ${w.route.pattern}`, w] as const))(
    "%s refuses every forgery with 403",
    async (_name, { route, method }) => {
      const routeModule = (await import(path.resolve(route.file))) as Record<string, Handler>;
      const params = Object.fromEntries(route.params.map((p) => [p, "CR-1"]));
      const auditBefore = await db.auditEvent.count();
      for (const [kind, headers] of FORGERIES) {
        const req = new NextRequest(`${ORIGIN}${routePath(route, params)}`, {
          method,
          body: '{"decision":"APPROVE","note":"forged"}',
          headers: {
            "content-type": "text/plain; application/json",
            host: "localhost:3000",
            ...headers,
          },
        });
        const response = await routeModule[method]!(req, { params: Promise.resolve(params) });
        expect(response.status, kind).toBe(403);
        const body = (await response.json()) as { error: { code: string; message: string } };
        expect(body.error.code, kind).toBe("FORBIDDEN");
        expect(body.error.message, kind).toMatch(/portal's own pages/);
      }
      expect(await db.auditEvent.count()).toBe(auditBefore);
    },
  );
});
