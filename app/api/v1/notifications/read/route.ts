import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { markRead, readSchema } from "@/lib/server/notifications";

export const POST = withAuth(
  {
    permission: "notifications:read",
    contract: { tag: "Notifications", summary: "Mark notifications read", body: readSchema },
  },
  async (_req, { user, body }) => {
    return NextResponse.json(await markRead(user, body));
  },
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
