import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { readJson } from "@/lib/http/read-json";
import { reviewChange } from "@/lib/server/changes/review";

export const POST = withAuth<{ key: string }>(
  { permission: "changes:review" },
  async (req, { user, params }) => {
    const result = await reviewChange(user, params.key.toUpperCase(), await readJson(req));
    return NextResponse.json(result, { status: result.repeated ? 200 : 201 });
  },
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
