import { NextResponse } from "next/server";
import { publicRoute } from "@/lib/auth/guards";
import { databaseHealthy } from "@/lib/server/health";

export const GET = publicRoute(async () => {
  const ok = await databaseHealthy();
  return NextResponse.json(
    { status: ok ? "ok" : "degraded", db: ok ? "ok" : "unavailable" },
    { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
});
