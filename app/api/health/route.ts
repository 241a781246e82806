import { NextResponse } from "next/server";
import { publicRoute, methodNotAllowed } from "@/lib/auth/guards";
import { databaseHealthy } from "@/lib/server/health";

export const GET = publicRoute(async () => {
  const ok = await databaseHealthy();
  return NextResponse.json(
    { status: ok ? "ok" : "degraded", db: ok ? "ok" : "unavailable" },
    { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
});

// Every other method: 405 in the JSON error shape.
export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
