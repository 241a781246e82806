import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/guards";
import { readJson } from "@/lib/http/read-json";
import { previewRouting } from "@/lib/server/routing/preview";

export const POST = withAuth({ permission: "changes:create" }, async (req, { user }) => {
  return NextResponse.json(await previewRouting(user, await readJson(req, 8 * 1024 * 1024)));
});
