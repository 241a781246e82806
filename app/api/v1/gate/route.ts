import { NextResponse } from "next/server";
import type { z } from "zod";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { gateByCommit, gateByCommitQuerySchema, gateSchema } from "@/lib/server/changes/api";

export const GET = withAuth(
  {
    permission: "portal:use",
    scope: "gate:read",
    contract: {
      tag: "Gate",
      summary: "May the change with this commit deploy now?",
      description:
        "For a pipeline that knows only its repository and commit. The commit of an older revision is never allowed: only the current revision can be signed off.",
      query: gateByCommitQuerySchema,
      response: { status: 200, schema: gateSchema },
    },
  },
  async (_req, { user, query }) =>
    NextResponse.json(await gateByCommit(user, query as z.output<typeof gateByCommitQuerySchema>), {
      headers: { "cache-control": "no-store" },
    }),
);

// Every other method: 405 in the JSON error shape.
export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
