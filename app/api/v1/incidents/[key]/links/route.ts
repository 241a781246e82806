import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/guards";
import { readJson } from "@/lib/http/read-json";
import { linkChange } from "@/lib/server/incidents/incidents";

export const POST = withAuth<{ key: string }>(
  { permission: "incidents:write" },
  async (req, { user, params }) => {
    return NextResponse.json(await linkChange(user, params.key, await readJson(req)));
  },
);
