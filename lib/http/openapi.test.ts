// The OpenAPI document is generated from the handlers' own contracts: it lists every route handler
// under /api/v1, its request schemas are the ones the handlers check, and it is valid OpenAPI 3.1.
import { describe, expect, it } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { createSchema } from "zod-openapi";
import { appRoutes } from "@/lib/testing/routes";
import type { RouteHandler } from "@/lib/auth/guards";
import { API_ROUTES } from "./api-routes";
import { openApiDocument } from "./openapi";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const toApiPath = (pattern: string) =>
  pattern.replace(/^\/api\/v1/, "").replace(/\[([^\]]+)\]/g, "{$1}") || "/";

describe("the OpenAPI document", () => {
  const document = openApiDocument();

  it("is valid OpenAPI 3.1 (checked by a validator library)", async () => {
    const result = await new Validator().validate(document as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe("3.1.0");
  });

  it("the route list is exactly the route files under app/api/v1", () => {
    const files = appRoutes()
      .filter((r) => r.pattern.startsWith("/api/v1/") && !r.pattern.endsWith("/openapi.json"))
      .map((r) => toApiPath(r.pattern))
      .sort();
    expect(API_ROUTES.map(([path]) => path).sort()).toEqual(files);
  });

  it.each(API_ROUTES.map(([path, module]) => [path, module] as const))(
    "%s: every handler has a contract and appears, with the schemas it checks",
    (path, module) => {
      const item = (document.paths as Record<string, Record<string, Record<string, unknown>>>)[
        path
      ];
      let handled = 0;
      for (const method of METHODS) {
        const handler = module[method] as RouteHandler<unknown> | undefined;
        expect(handler, `${method} ${path} is exported`).toBeTypeOf("function");
        if (!handler!.permission && !handler!.webhook) {
          // methodNotAllowed: not an operation.
          expect(item?.[method.toLowerCase()]).toBeUndefined();
          continue;
        }
        handled++;
        expect(handler!.contract, `${method} ${path} declares a contract`).toBeDefined();
        const operation = item?.[method.toLowerCase()] as
          | {
              summary: string;
              requestBody?: { content: Record<string, { schema: unknown }> };
              parameters?: { name: string; in: string }[];
            }
          | undefined;
        expect(operation, `${method} ${path} is in the document`).toBeDefined();
        expect(operation!.summary).toBe(handler!.contract!.summary);
        const body = handler!.contract!.body;
        if (body) {
          const rendered = operation!.requestBody!.content["application/json"]!.schema;
          expect(rendered).toEqual(createSchema(body, { io: "input" }).schema);
        } else {
          expect(operation!.requestBody).toBeUndefined();
        }
        const query = handler!.contract!.query;
        const queryNames = (operation!.parameters ?? [])
          .filter((p) => p.in === "query")
          .map((p) => p.name)
          .sort();
        expect(queryNames).toEqual(query ? Object.keys(query.shape).sort() : []);
      }
      expect(handled, `${path} has at least one method`).toBeGreaterThan(0);
    },
  );

  it("no operation lets a token approve: reviews are for sessions only", () => {
    const reviews = (document.paths as Record<string, Record<string, { security: unknown[] }>>)[
      "/changes/{key}/reviews"
    ]!.post!;
    expect(reviews.security).toEqual([{ sessionCookie: [] }]);
  });
});
