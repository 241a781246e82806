import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { revokeToken } from "@/lib/server/tokens";
import { tokenSchema } from "@/lib/http/api-schemas";

export const DELETE = withAuth<{ id: string }>(
  {
    permission: "portal:use",
    contract: {
      tag: "Tokens (portal only)",
      summary: "Revoke a token (its owner, or an admin); at once and for good",
      response: { status: 200, schema: tokenSchema },
    },
  },
  async (_req, { user, params }) => NextResponse.json(await revokeToken(user, params.id)),
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["DELETE"]);
export const POST = methodNotAllowed(["DELETE"]);
export const PUT = methodNotAllowed(["DELETE"]);
export const PATCH = methodNotAllowed(["DELETE"]);
