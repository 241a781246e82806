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

const all = appRoutes().flatMap((route) =>
  route.methods.filter((m) => m !== "GET").map((method) => ({ route, method })),
);
// Webhooks carry no ambient credential: they are signed by the sender (lib/auth/webhook.ts), so a
// page elsewhere gets 401 however it dresses the request, and a session cookie counts for nothing.
const WEBHOOKS = /^\/api\/v1\/integrations\/[a-z]+\/webhook$/;
const isWebhook = (w: (typeof all)[number]) =>
  w.method === "POST" && WEBHOOKS.test(w.route.pattern);
const writes = all.filter((w) => !isWebhook(w));
const webhooks = all.filter(isWebhook);

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

  it("finds the webhooks", () => {
    expect(webhooks.map((w) => w.route.pattern).sort()).toEqual([
      "/api/v1/integrations/github/webhook",
      "/api/v1/integrations/gitlab/webhook",
      "/api/v1/integrations/incidents/webhook",
      "/api/v1/integrations/pagerduty/webhook",
    ]);
  });

  it.each(webhooks.map((w) => [`${w.method} ${w.route.pattern}`, w] as const))(
    "%s answers a forged delivery 401 (415 as text/plain), session cookie or not, and writes nothing",
    async (_name, { route, method }) => {
      const routeModule = (await import(path.resolve(route.file))) as Record<string, Handler>;
      const before = [await db.auditEvent.count(), await db.webhookDelivery.count()];
      for (const [kind, headers] of FORGERIES) {
        for (const [type, status] of [
          ["application/json", 401],
          ["text/plain; application/json", 415],
        ] as const) {
          const req = new NextRequest(`${ORIGIN}${route.pattern}`, {
            method,
            body: '{"id":"e1","event":"triggered","incident":{"id":"1","title":"forged","service":"x","startedAt":"2026-01-01T00:00:00Z"},"at":"2026-01-01T00:00:00Z"}',
            headers: {
              "content-type": type,
              host: "localhost:3000",
              cookie: "next-auth.session-token=forged",
              "x-github-event": "pull_request",
              "x-github-delivery": "d1",
              "x-gitlab-event": "Merge Request Hook",
              ...headers,
            },
          });
          const response = await routeModule[method]!(req, { params: Promise.resolve({}) });
          expect(response.status, `${kind}, ${type}`).toBe(status);
        }
      }
      expect([await db.auditEvent.count(), await db.webhookDelivery.count()]).toEqual(before);
    },
  );
});
