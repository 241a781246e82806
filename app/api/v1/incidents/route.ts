import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { readJson } from "@/lib/http/read-json";
import { recordIncident } from "@/lib/server/incidents/incidents";
import { listIncidents, parseIncidentFilters } from "@/lib/server/incidents/queries";

export const GET = withAuth({ permission: "incidents:read" }, async (req) => {
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
});

export const POST = withAuth({ permission: "incidents:write" }, async (req, { user }) => {
  return NextResponse.json(await recordIncident(user, await readJson(req)), { status: 201 });
});

// Every other method: 405 in the JSON error shape.
export const PUT = methodNotAllowed(["GET", "POST"]);
export const PATCH = methodNotAllowed(["GET", "POST"]);
export const DELETE = methodNotAllowed(["GET", "POST"]);
