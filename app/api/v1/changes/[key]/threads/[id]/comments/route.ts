import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { replySchema, replyToThread } from "@/lib/server/changes/threads";

export const POST = withAuth<{ key: string; id: string }>(
  {
    permission: "changes:review",
    scope: "changes:write",
    contract: {
      tag: "Conversations",
      summary: "Reply in a thread",
      body: replySchema,
    },
  },
  async (_req, { user, params, body }) =>
    NextResponse.json(await replyToThread(user, params.key.toUpperCase(), params.id, body), {
      status: 201,
    }),
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
