import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { saveWindow, windowInputSchema } from "@/lib/server/windows";

export const POST = withAuth(
  {
    permission: "policy:edit",
    contract: {
      tag: "Policy",
      summary: "Declare a freeze or maintenance window",
      body: windowInputSchema,
      response: { status: 201 },
    },
  },
  async (_req, { user, body }) => {
    return NextResponse.json(await saveWindow(user, body), { status: 201 });
  },
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
