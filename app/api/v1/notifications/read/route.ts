import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/guards";
import { readJson } from "@/lib/http/read-json";
import { markRead } from "@/lib/server/notifications";

export const POST = withAuth({ permission: "notifications:read" }, async (req, { user }) => {
  return NextResponse.json(await markRead(user, await readJson(req)));
});
