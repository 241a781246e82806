import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { readJson } from "@/lib/http/read-json";
import { previewRouting } from "@/lib/server/routing/preview";

export const POST = withAuth({ permission: "changes:create" }, async (req, { user }) => {
  return NextResponse.json(await previewRouting(user, await readJson(req, 8 * 1024 * 1024)));
});

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
