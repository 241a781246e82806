import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/guards";
import { readJson } from "@/lib/http/read-json";
import { updateSystem } from "@/lib/server/system-edit";

export const PATCH = withAuth<{ slug: string }>(
  { permission: "systems:edit" },
  async (req, { user, params }) => {
    const result = await updateSystem(user, params.slug, await readJson(req));
    return NextResponse.json(result);
  },
);
