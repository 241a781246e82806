import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { metricsQuerySchema } from "@/lib/server/metrics/filters";
import { metricsFor } from "@/lib/server/metrics/cache";

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
  async (req, { user }) => {
    const { metrics } = await metricsFor(Object.fromEntries(req.nextUrl.searchParams), user.id);
    return NextResponse.json(metrics, { headers: { "cache-control": "no-store" } });
  },
);

// Every other method: 405 in the JSON error shape.
export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
