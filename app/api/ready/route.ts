// Readiness, for a load balancer: 200 while this instance should get requests; 503 once it is
// shutting down (npm start, on SIGTERM) or while its database is unreachable. Liveness is
// /api/health (docs/decisions/0015-operations.md).
import { NextResponse } from "next/server";
import { publicRoute, methodNotAllowed } from "@/lib/auth/guards";
import { databaseHealthy, instanceStatus } from "@/lib/server/health";

export const GET = publicRoute(async () => {
  const { draining } = instanceStatus();
  const db = draining ? null : await databaseHealthy();
  const ready = !draining && db === true;
  return NextResponse.json(
    {
      ready,
      ...(draining ? { reason: "shutting down" } : db ? {} : { reason: "database unavailable" }),
    },
    {
      status: ready ? 200 : 503,
      headers: { "cache-control": "no-store", ...(ready ? {} : { "retry-after": "5" }) },
    },
  );
});

export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
