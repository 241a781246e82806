import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { fileViewSchema, markFileViewed } from "@/lib/server/changes/review";

export const PUT = withAuth<{ key: string }>(
  {
    permission: "changes:review",
    contract: {
      tag: "Reviews (portal only)",
      summary: "Mark a file of the current revision viewed (people only)",
      body: fileViewSchema,
    },
  },
  async (_req, { user, params, body }) => {
    return NextResponse.json(await markFileViewed(user, params.key.toUpperCase(), body));
  },
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["PUT"]);
export const POST = methodNotAllowed(["PUT"]);
export const PATCH = methodNotAllowed(["PUT"]);
export const DELETE = methodNotAllowed(["PUT"]);
