import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { readJson } from "@/lib/http/read-json";
import { rollBackChange } from "@/lib/server/changes/transitions";

export const POST = withAuth<{ key: string }>(
  { permission: "changes:create" },
  async (req, { user, params }) => {
    return NextResponse.json(
      await rollBackChange(user, params.key.toUpperCase(), await readJson(req)),
    );
  },
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
