import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { withdrawChange, withdrawSchema } from "@/lib/server/changes/transitions";
import { statusSchema } from "@/lib/http/api-schemas";

export const POST = withAuth<{ key: string }>(
  {
    permission: "changes:create",
    scope: "changes:write",
    contract: {
      tag: "Changes",
      summary: "Withdraw a change (its author), with the reason",
      body: withdrawSchema,
      response: { status: 200, schema: statusSchema },
    },
  },
  async (_req, { user, params, body }) => {
    return NextResponse.json(await withdrawChange(user, params.key.toUpperCase(), body));
  },
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
