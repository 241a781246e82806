import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/guards";
import { unlinkChange } from "@/lib/server/incidents/incidents";

export const DELETE = withAuth<{ key: string; change: string }>(
  { permission: "incidents:write" },
  async (_req, { user, params }) => {
    return NextResponse.json(await unlinkChange(user, params.key, params.change));
  },
);
