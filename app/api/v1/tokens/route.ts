import { NextResponse } from "next/server";
import { z } from "zod";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { can } from "@/lib/authz/can";
import { forbidden } from "@/lib/errors";
import { createToken, createTokenSchema, listTokens } from "@/lib/server/tokens";
import { tokenSchema } from "@/lib/http/api-schemas";

const listQuery = z
  .object({ all: z.enum(["true", "false"], 'must be "true" or "false"').optional() })
  .strict();

// Tokens are managed by people in the portal: no scope, so no token can mint or list tokens.
export const GET = withAuth(
  {
    permission: "portal:use",
    contract: {
      tag: "Tokens (portal only)",
      summary: "Your API tokens (every token with all=true, for admins)",
      query: listQuery,
      response: { status: 200, schema: z.object({ tokens: z.array(tokenSchema) }) },
    },
  },
  async (_req, { user, query }) => {
    const all = (query as z.output<typeof listQuery>).all === "true";
    if (all && !can(user, "admin:use")) throw forbidden("Only admins can list every token.");
    return NextResponse.json(
      { tokens: await listTokens(user, all ? "all" : "mine") },
      { headers: { "cache-control": "no-store" } },
    );
  },
);

export const POST = withAuth(
  {
    permission: "portal:use",
    contract: {
      tag: "Tokens (portal only)",
      summary: "Create an API token; its secret is in this answer only",
      description:
        "For yourself, or (admins) for the person named by `owner`. Scopes can be no wider than the owner's own permissions.",
      body: createTokenSchema,
      response: {
        status: 201,
        schema: z.object({ token: tokenSchema, secret: z.string() }),
      },
    },
  },
  async (_req, { user, body }) =>
    NextResponse.json(await createToken(user, body), {
      status: 201,
      headers: { "cache-control": "no-store" },
    }),
);

// Every other method: 405 in the JSON error shape.
export const PUT = methodNotAllowed(["GET", "POST"]);
export const PATCH = methodNotAllowed(["GET", "POST"]);
export const DELETE = methodNotAllowed(["GET", "POST"]);
