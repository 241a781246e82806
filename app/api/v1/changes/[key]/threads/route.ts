import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { startThread, startThreadSchema } from "@/lib/server/changes/threads";

export const POST = withAuth<{ key: string }>(
  {
    permission: "changes:review",
    scope: "changes:write",
    contract: {
      tag: "Conversations",
      summary:
        "Comment on lines of the current revision (path, side, startLine, endLine) or on the change",
      body: startThreadSchema,
    },
  },
  async (_req, { user, params, body }) =>
    NextResponse.json(await startThread(user, params.key.toUpperCase(), body), { status: 201 }),
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
