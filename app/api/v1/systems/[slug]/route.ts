import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { readJson } from "@/lib/http/read-json";
import { updateSystem } from "@/lib/server/system-edit";

export const PATCH = withAuth<{ slug: string }>(
  { permission: "systems:edit" },
  async (req, { user, params }) => {
    const result = await updateSystem(user, params.slug, await readJson(req));
    return NextResponse.json(result);
  },
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["PATCH"]);
export const POST = methodNotAllowed(["PATCH"]);
export const PUT = methodNotAllowed(["PATCH"]);
export const DELETE = methodNotAllowed(["PATCH"]);
