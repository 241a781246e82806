import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { readJson } from "@/lib/http/read-json";
import { saveWindow } from "@/lib/server/windows";

export const POST = withAuth({ permission: "policy:edit" }, async (req, { user }) => {
  return NextResponse.json(await saveWindow(user, await readJson(req)), { status: 201 });
});

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
