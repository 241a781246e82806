import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { changeGate, changeKeySchema, gateSchema } from "@/lib/server/changes/api";
import { parseInput } from "@/lib/validation";

export const GET = withAuth<{ key: string }>(
  {
    permission: "portal:use",
    scope: "gate:read",
    contract: {
      tag: "Gate",
      summary: "May this change deploy now?",
      description:
        "`allowed` is true only when every requirement is signed off for the current revision, nobody's request for changes stands and no freeze covers it (or the emergency minimum is met). `unmet` lists what is missing.",
      response: { status: 200, schema: gateSchema },
    },
  },
  async (_req, { user, params }) =>
    NextResponse.json(await changeGate(user, parseInput(changeKeySchema, params.key)), {
      headers: { "cache-control": "no-store" },
    }),
);

// Every other method: 405 in the JSON error shape.
export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
