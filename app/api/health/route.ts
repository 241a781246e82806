// Liveness and the database's state: 200 when the database answers; 503 otherwise, saying whether
// `npm start` is restarting the embedded PostgreSQL (docs/decisions/0015-operations.md).
import { NextResponse } from "next/server";
import { publicRoute, methodNotAllowed } from "@/lib/auth/guards";
import { databaseHealthy, instanceStatus } from "@/lib/server/health";

export const GET = publicRoute(async () => {
  const ok = await databaseHealthy();
  const { supervisor } = instanceStatus();
  const db = ok ? "ok" : supervisor?.state === "restarting" ? "restarting" : "unavailable";
  return NextResponse.json(
    { status: ok ? "ok" : "degraded", db, ...(supervisor ? { supervisor } : {}) },
    {
      status: ok ? 200 : 503,
      headers: { "cache-control": "no-store", ...(ok ? {} : { "retry-after": "5" }) },
    },
  );
});

// Every other method: 405 in the JSON error shape.
export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
