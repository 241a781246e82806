import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/guards";
import { listNotifications } from "@/lib/server/notifications";

export const GET = withAuth({ permission: "notifications:read" }, async (_req, { user }) => {
  return NextResponse.json(await listNotifications(user), {
    headers: { "cache-control": "no-store" },
  });
});
