import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { recordIncident } from "@/lib/server/incidents/incidents";
import { createIncidentSchema } from "@/lib/server/incidents/input";
import {
  incidentFiltersSchema,
  listIncidents,
  parseIncidentFilters,
} from "@/lib/server/incidents/queries";

export const GET = withAuth(
  {
    permission: "incidents:read",
    contract: { tag: "Incidents", summary: "List incidents", query: incidentFiltersSchema },
  },
  async (req) => {
    const filters = parseIncidentFilters(Object.fromEntries(req.nextUrl.searchParams));
    const page = await listIncidents(filters);
    return NextResponse.json({
      incidents: page.incidents.map((i) => ({
        key: i.key,
        title: i.title,
        severity: i.severity,
        status: i.status,
        startedAt: i.startedAt,
        resolvedAt: i.resolvedAt,
        systems: i.systems.map((s) => s.system.slug),
        causes: i._count.changes,
      })),
      nextCursor: page.nextCursor,
    });
  },
);

export const POST = withAuth(
  {
    permission: "incidents:write",
    scope: "incidents:write",
    contract: {
      tag: "Incidents",
      summary: "Open an incident",
      body: createIncidentSchema,
      response: { status: 201 },
    },
  },
  async (_req, { user, body }) => {
    return NextResponse.json(await recordIncident(user, body), { status: 201 });
  },
);

// Every other method: 405 in the JSON error shape.
export const PUT = methodNotAllowed(["GET", "POST"]);
export const PATCH = methodNotAllowed(["GET", "POST"]);
export const DELETE = methodNotAllowed(["GET", "POST"]);
