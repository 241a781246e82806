import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { readJson } from "@/lib/http/read-json";
import { markRead } from "@/lib/server/notifications";

export const POST = withAuth({ permission: "notifications:read" }, async (req, { user }) => {
  return NextResponse.json(await markRead(user, await readJson(req)));
});

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
