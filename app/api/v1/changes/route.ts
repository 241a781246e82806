import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { readJson } from "@/lib/http/read-json";
import { saveChange } from "@/lib/server/changes/save";

// Large enough for a 5 MB diff in JSON, so the diff's own limit answers with the field named.
const MAX_BODY = 8 * 1024 * 1024;

export const POST = withAuth({ permission: "changes:create" }, async (req, { user }) => {
  const saved = await saveChange(user, await readJson(req, MAX_BODY));
  return NextResponse.json(saved, { status: 201, headers: { location: `/changes/${saved.key}` } });
});

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
