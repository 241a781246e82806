import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { metricsQuerySchema, resolveMetricsScope } from "@/lib/server/metrics/filters";
import { getMetrics } from "@/lib/server/metrics/metrics";

export const GET = withAuth(
  {
    permission: "dashboard:read",
    scope: "metrics:read",
    contract: {
      tag: "Metrics",
      summary: "Review-health and incident metrics for a range, team, system or tier",
      query: metricsQuerySchema,
    },
  },
  async (req) => {
    const scope = await resolveMetricsScope(Object.fromEntries(req.nextUrl.searchParams));
    return NextResponse.json(await getMetrics(scope), { headers: { "cache-control": "no-store" } });
  },
);

// Every other method: 405 in the JSON error shape.
export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
