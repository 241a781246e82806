import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { resolveSchema, setThreadResolved } from "@/lib/server/changes/threads";

export const PATCH = withAuth<{ key: string; id: string }>(
  {
    permission: "changes:review",
    scope: "changes:write",
    contract: {
      tag: "Conversations",
      summary: "Resolve or reopen a thread",
      body: resolveSchema,
    },
  },
  async (_req, { user, params, body }) =>
    NextResponse.json(await setThreadResolved(user, params.key.toUpperCase(), params.id, body)),
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["PATCH"]);
export const POST = methodNotAllowed(["PATCH"]);
export const PUT = methodNotAllowed(["PATCH"]);
export const DELETE = methodNotAllowed(["PATCH"]);
