import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { decideSecondLook, secondLookSchema } from "@/lib/server/changes/second-look";

export const POST = withAuth<{ key: string }>(
  {
    permission: "changes:review",
    contract: {
      tag: "Reviews (portal only)",
      summary: "Agree with an approval, or raise a concern (the senior given the second look)",
      body: secondLookSchema,
    },
  },
  async (_req, { user, params, body }) =>
    NextResponse.json(await decideSecondLook(user, params.key.toUpperCase(), body)),
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
