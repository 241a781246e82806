import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { systemEditSchema, updateSystem } from "@/lib/server/system-edit";

export const PATCH = withAuth<{ slug: string }>(
  {
    permission: "systems:edit",
    contract: { tag: "Systems", summary: "Edit a system (admins)", body: systemEditSchema },
  },
  async (_req, { user, params, body }) => {
    const result = await updateSystem(user, params.slug, body);
    return NextResponse.json(result);
  },
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["PATCH"]);
export const POST = methodNotAllowed(["PATCH"]);
export const PUT = methodNotAllowed(["PATCH"]);
export const DELETE = methodNotAllowed(["PATCH"]);
