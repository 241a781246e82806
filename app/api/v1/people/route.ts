import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import {
  suggestPeople,
  suggestionsQuerySchema,
  type SuggestionsQuery,
} from "@/lib/server/suggestions";

export const GET = withAuth(
  {
    permission: "portal:use",
    scope: "changes:read",
    contract: {
      tag: "People",
      summary:
        "Active people whose handle or name contains the text, handle prefixes first (for pickers)",
      query: suggestionsQuerySchema,
    },
  },
  async (_req, { query }) => NextResponse.json(await suggestPeople(query as SuggestionsQuery)),
);

// Every other method: 405 in the JSON error shape.
export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
