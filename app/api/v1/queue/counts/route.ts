import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { queueCounts, queueFiltersSchema } from "@/lib/server/queue";

export const GET = withAuth({ permission: "queue:read" }, async (req, { user }) => {
  const filters = queueFiltersSchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json(await queueCounts(user, filters), {
    headers: { "cache-control": "no-store" },
  });
});

// Every other method: 405 in the JSON error shape.
export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
