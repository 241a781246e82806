import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { readJson } from "@/lib/http/read-json";
import { saveWindow } from "@/lib/server/windows";

export const PUT = withAuth<{ id: string }>(
  { permission: "policy:edit" },
  async (req, { user, params }) => {
    return NextResponse.json(await saveWindow(user, await readJson(req), params.id));
  },
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["PUT"]);
export const POST = methodNotAllowed(["PUT"]);
export const PATCH = methodNotAllowed(["PUT"]);
export const DELETE = methodNotAllowed(["PUT"]);
