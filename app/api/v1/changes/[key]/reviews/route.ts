import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/guards";
import { readJson } from "@/lib/http/read-json";
import { reviewChange } from "@/lib/server/changes/review";

export const POST = withAuth<{ key: string }>(
  { permission: "changes:review" },
  async (req, { user, params }) => {
    const result = await reviewChange(user, params.key.toUpperCase(), await readJson(req));
    return NextResponse.json(result, { status: result.repeated ? 200 : 201 });
  },
);
