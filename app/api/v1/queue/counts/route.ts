import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import type { z } from "zod";
import { queueCounts, queueFiltersSchema } from "@/lib/server/queue";

export const GET = withAuth(
  {
    permission: "queue:read",
    contract: {
      tag: "Queue",
      summary: "Counts for your queue's filters",
      query: queueFiltersSchema,
    },
  },
  async (_req, { user, query }) => {
    const filters = query as z.output<typeof queueFiltersSchema>;
    return NextResponse.json(await queueCounts(user, filters), {
      headers: { "cache-control": "no-store" },
    });
  },
);

// Every other method: 405 in the JSON error shape.
export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
