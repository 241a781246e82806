import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/guards";
import { withdrawChange } from "@/lib/server/changes/transitions";

export const POST = withAuth<{ key: string }>(
  { permission: "changes:create" },
  async (_req, { user, params }) => {
    return NextResponse.json(await withdrawChange(user, params.key.toUpperCase()));
  },
);
