import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { previewRouting } from "@/lib/server/routing/preview";
import { previewInputSchema } from "@/lib/server/changes/input";

export const POST = withAuth(
  {
    permission: "changes:create",
    scope: ["changes:read", "changes:write"],
    contract: {
      tag: "Changes",
      summary: "Preview routing: the systems, requirements and reviewers a change would get",
      body: previewInputSchema,
      maxBodyBytes: 8 * 1024 * 1024,
    },
  },
  async (_req, { user, body }) => {
    return NextResponse.json(await previewRouting(user, body));
  },
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
