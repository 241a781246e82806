import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/guards";
import { queueFiltersSchema, queuePage } from "@/lib/server/queue";

export const GET = withAuth({ permission: "queue:read" }, async (req, { user }) => {
  const filters = queueFiltersSchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json(await queuePage(user, filters), {
    headers: { "cache-control": "no-store" },
  });
});
