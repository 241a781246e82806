import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { getIncident, suspectChanges } from "@/lib/server/incidents/queries";

export const GET = withAuth<{ key: string }>(
  {
    permission: "incidents:read",
    contract: {
      tag: "Incidents",
      summary: "Changes deployed to the incident's systems in the days before it started",
    },
  },
  async (_req, { params }) => {
    const incident = await getIncident(params.key);
    const suspects = await suspectChanges(incident.id, incident.startedAt);
    return NextResponse.json({ suspects: suspects.map(({ id: _id, ...s }) => s) });
  },
);

// Every other method: 405 in the JSON error shape.
export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
