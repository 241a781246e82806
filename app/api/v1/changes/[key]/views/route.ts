import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { readJson } from "@/lib/http/read-json";
import { markFileViewed } from "@/lib/server/changes/review";

export const PUT = withAuth<{ key: string }>(
  { permission: "changes:review" },
  async (req, { user, params }) => {
    return NextResponse.json(
      await markFileViewed(user, params.key.toUpperCase(), await readJson(req)),
    );
  },
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["PUT"]);
export const POST = methodNotAllowed(["PUT"]);
export const PATCH = methodNotAllowed(["PUT"]);
export const DELETE = methodNotAllowed(["PUT"]);
