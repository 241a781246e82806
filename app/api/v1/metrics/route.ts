import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { resolveMetricsScope } from "@/lib/server/metrics/filters";
import { getMetrics } from "@/lib/server/metrics/metrics";

export const GET = withAuth({ permission: "dashboard:read" }, async (req) => {
  const scope = await resolveMetricsScope(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json(await getMetrics(scope), { headers: { "cache-control": "no-store" } });
});

// Every other method: 405 in the JSON error shape.
export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
