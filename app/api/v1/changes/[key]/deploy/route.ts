import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/guards";
import { deployChange } from "@/lib/server/changes/transitions";

export const POST = withAuth<{ key: string }>(
  { permission: "changes:create" },
  async (_req, { user, params }) => {
    return NextResponse.json(await deployChange(user, params.key.toUpperCase()));
  },
);
