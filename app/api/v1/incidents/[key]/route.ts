import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { readJson } from "@/lib/http/read-json";
import { updateIncident } from "@/lib/server/incidents/incidents";
import { getIncident } from "@/lib/server/incidents/queries";

export const GET = withAuth<{ key: string }>(
  { permission: "incidents:read" },
  async (_req, { params }) => {
    const i = await getIncident(params.key);
    return NextResponse.json({
      ...i,
      systems: i.systems.map((s) => s.system),
      changes: i.changes.map((l) => ({ kind: l.kind, linkedAt: l.linkedAt, change: l.change })),
    });
  },
);

export const PATCH = withAuth<{ key: string }>(
  { permission: "incidents:write" },
  async (req, { user, params }) => {
    return NextResponse.json(await updateIncident(user, params.key, await readJson(req)));
  },
);

// Every other method: 405 in the JSON error shape.
export const POST = methodNotAllowed(["GET", "PATCH"]);
export const PUT = methodNotAllowed(["GET", "PATCH"]);
export const DELETE = methodNotAllowed(["GET", "PATCH"]);
