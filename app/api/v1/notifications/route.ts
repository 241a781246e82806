import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { listNotifications } from "@/lib/server/notifications";

export const GET = withAuth(
  {
    permission: "notifications:read",
    contract: { tag: "Notifications", summary: "Your latest notifications" },
  },
  async (_req, { user }) => {
    return NextResponse.json(await listNotifications(user), {
      headers: { "cache-control": "no-store" },
    });
  },
);

// Every other method: 405 in the JSON error shape.
export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
