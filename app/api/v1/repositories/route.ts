import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import {
  suggestRepositories,
  suggestionsQuerySchema,
  type SuggestionsQuery,
} from "@/lib/server/suggestions";

export const GET = withAuth(
  {
    permission: "portal:use",
    scope: "changes:read",
    contract: {
      tag: "Repositories",
      summary: "Repositories whose name contains the text, prefixes first (for pickers)",
      query: suggestionsQuerySchema,
    },
  },
  async (_req, { query }) =>
    NextResponse.json(await suggestRepositories(query as SuggestionsQuery)),
);

// Every other method: 405 in the JSON error shape.
export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
