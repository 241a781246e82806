import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { mapService, serviceMappingSchema } from "@/lib/server/integrations/connections";
import { idSchema } from "@/lib/http/integration-schemas";

export const POST = withAuth<{ id: string }>(
  {
    permission: "integrations:edit",
    contract: {
      tag: "Integrations (portal only)",
      summary: "Map an incident tool's service (a PagerDuty service id) to a system",
      body: serviceMappingSchema,
      response: { status: 200, schema: idSchema },
    },
  },
  async (_req, { user, params, body }) =>
    NextResponse.json(await mapService(user, params.id, body)),
);

export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
