import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/guards";
import { resolveMetricsScope } from "@/lib/server/metrics/filters";
import { getMetrics } from "@/lib/server/metrics/metrics";

export const GET = withAuth({ permission: "dashboard:read" }, async (req) => {
  const scope = await resolveMetricsScope(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json(await getMetrics(scope), { headers: { "cache-control": "no-store" } });
});
