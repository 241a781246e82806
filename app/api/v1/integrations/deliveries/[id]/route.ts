import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { redeliver } from "@/lib/server/integrations/connections";
import { idSchema } from "@/lib/http/integration-schemas";

export const POST = withAuth<{ id: string }>(
  {
    permission: "integrations:edit",
    contract: {
      tag: "Integrations (portal only)",
      summary: "Redeliver: process a received delivery again",
      response: { status: 202, schema: idSchema },
    },
  },
  async (_req, { user, params }) =>
    NextResponse.json(await redeliver(user, params.id), { status: 202 }),
);

export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
