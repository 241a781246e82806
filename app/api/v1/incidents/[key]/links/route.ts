import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { linkChange } from "@/lib/server/incidents/incidents";
import { linkSchema } from "@/lib/server/incidents/input";

export const POST = withAuth<{ key: string }>(
  {
    permission: "incidents:write",
    contract: { tag: "Incidents", summary: "Link a change to an incident", body: linkSchema },
  },
  async (_req, { user, params, body }) => {
    return NextResponse.json(await linkChange(user, params.key, body));
  },
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
