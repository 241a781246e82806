import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/guards";
import { queueCounts, queueFiltersSchema, queuePage } from "@/lib/server/queue";

export const GET = withAuth({ permission: "queue:read" }, async (req, { user }) => {
  const filters = queueFiltersSchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  const [page, counts] = await Promise.all([queuePage(user, filters), queueCounts(user, filters)]);
  return NextResponse.json({ ...page, counts }, { headers: { "cache-control": "no-store" } });
});
