import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { updateIncident } from "@/lib/server/incidents/incidents";
import { updateIncidentSchema } from "@/lib/server/incidents/input";
import { getIncident } from "@/lib/server/incidents/queries";

export const GET = withAuth<{ key: string }>(
  {
    permission: "incidents:read",
    contract: { tag: "Incidents", summary: "One incident with its systems and linked changes" },
  },
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
  {
    permission: "incidents:write",
    contract: { tag: "Incidents", summary: "Update an incident", body: updateIncidentSchema },
  },
  async (_req, { user, params, body }) => {
    return NextResponse.json(await updateIncident(user, params.key, body));
  },
);

// Every other method: 405 in the JSON error shape.
export const POST = methodNotAllowed(["GET", "PATCH"]);
export const PUT = methodNotAllowed(["GET", "PATCH"]);
export const DELETE = methodNotAllowed(["GET", "PATCH"]);
