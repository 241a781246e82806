import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { redeliverOutbound } from "@/lib/server/integrations/outbound";
import { idSchema } from "@/lib/http/integration-schemas";

export const POST = withAuth<{ id: string }>(
  {
    permission: "integrations:edit",
    contract: {
      tag: "Integrations (portal only)",
      summary: "Redeliver: send an outbound delivery again",
      response: { status: 202, schema: idSchema },
    },
  },
  async (_req, { user, params }) =>
    NextResponse.json(await redeliverOutbound(user, params.id), { status: 202 }),
);

export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
