import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import {
  suggestSystems,
  suggestionsQuerySchema,
  type SuggestionsQuery,
} from "@/lib/server/suggestions";

export const GET = withAuth(
  {
    permission: "portal:use",
    scope: "changes:read",
    contract: {
      tag: "Systems",
      summary: "Systems whose slug or name contains the text, slug prefixes first (for pickers)",
      query: suggestionsQuerySchema,
    },
  },
  async (_req, { query }) => NextResponse.json(await suggestSystems(query as SuggestionsQuery)),
);

// Every other method: 405 in the JSON error shape.
export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
