import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/guards";
import { readJson } from "@/lib/http/read-json";
import { saveWindow } from "@/lib/server/windows";

export const PUT = withAuth<{ id: string }>(
  { permission: "policy:edit" },
  async (req, { user, params }) => {
    return NextResponse.json(await saveWindow(user, await readJson(req), params.id));
  },
);
