import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { reviewChange, reviewInputSchema } from "@/lib/server/changes/review";

export const POST = withAuth<{ key: string }>(
  {
    permission: "changes:review",
    // No scope: a sign-off is a person's signature, made in the portal; no token can approve.
    contract: {
      tag: "Reviews (portal only)",
      summary: "Approve, request changes or reject (people only; API tokens are refused)",
      body: reviewInputSchema,
    },
  },
  async (_req, { user, params, body }) => {
    const result = await reviewChange(user, params.key.toUpperCase(), body);
    return NextResponse.json(result, { status: result.repeated ? 200 : 201 });
  },
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
