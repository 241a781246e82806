import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { saveWindow, windowInputSchema } from "@/lib/server/windows";

export const PUT = withAuth<{ id: string }>(
  {
    permission: "policy:edit",
    contract: {
      tag: "Policy",
      summary: "Change a freeze or maintenance window",
      body: windowInputSchema,
    },
  },
  async (_req, { user, params, body }) => {
    return NextResponse.json(await saveWindow(user, body, params.id));
  },
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["PUT"]);
export const POST = methodNotAllowed(["PUT"]);
export const PATCH = methodNotAllowed(["PUT"]);
export const DELETE = methodNotAllowed(["PUT"]);
