import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { deployChange } from "@/lib/server/changes/transitions";

export const POST = withAuth<{ key: string }>(
  { permission: "changes:create" },
  async (_req, { user, params }) => {
    return NextResponse.json(await deployChange(user, params.key.toUpperCase()));
  },
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
