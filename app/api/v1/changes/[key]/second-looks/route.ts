import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { requestSecondLook } from "@/lib/server/changes/second-look";

export const POST = withAuth<{ key: string }>(
  {
    permission: "dashboard:read",
    contract: {
      tag: "Reviews (portal only)",
      summary: "Ask another eligible senior for a second look at an approval (managers, admins)",
    },
  },
  async (_req, { user, params }) =>
    NextResponse.json(await requestSecondLook(user, params.key.toUpperCase()), { status: 201 }),
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
