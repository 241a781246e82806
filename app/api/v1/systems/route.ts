import { NextResponse } from "next/server";
import type { z } from "zod";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { suggestSystems, systemSuggestionsQuerySchema } from "@/lib/server/systems";

export const GET = withAuth(
  {
    permission: "portal:use",
    scope: "changes:read",
    contract: {
      tag: "Systems",
      summary: "Systems whose slug or name contains the text, slug prefixes first (for pickers)",
      query: systemSuggestionsQuerySchema,
    },
  },
  async (_req, { query }) =>
    NextResponse.json(await suggestSystems(query as z.output<typeof systemSuggestionsQuerySchema>)),
);

// Every other method: 405 in the JSON error shape.
export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
