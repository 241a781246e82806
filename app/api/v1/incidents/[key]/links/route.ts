import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { readJson } from "@/lib/http/read-json";
import { linkChange } from "@/lib/server/incidents/incidents";

export const POST = withAuth<{ key: string }>(
  { permission: "incidents:write" },
  async (req, { user, params }) => {
    return NextResponse.json(await linkChange(user, params.key, await readJson(req)));
  },
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
