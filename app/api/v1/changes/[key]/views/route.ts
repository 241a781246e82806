import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/guards";
import { readJson } from "@/lib/http/read-json";
import { markFileViewed } from "@/lib/server/changes/review";

export const PUT = withAuth<{ key: string }>(
  { permission: "changes:review" },
  async (req, { user, params }) => {
    return NextResponse.json(
      await markFileViewed(user, params.key.toUpperCase(), await readJson(req)),
    );
  },
);
