import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { unlinkChange } from "@/lib/server/incidents/incidents";

export const DELETE = withAuth<{ key: string; change: string }>(
  {
    permission: "incidents:write",
    contract: { tag: "Incidents", summary: "Unlink a change from an incident" },
  },
  async (_req, { user, params }) => {
    return NextResponse.json(await unlinkChange(user, params.key, params.change));
  },
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["DELETE"]);
export const POST = methodNotAllowed(["DELETE"]);
export const PUT = methodNotAllowed(["DELETE"]);
export const PATCH = methodNotAllowed(["DELETE"]);
