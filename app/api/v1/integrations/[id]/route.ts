import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { updateConnection, updateConnectionSchema } from "@/lib/server/integrations/connections";
import { idSchema } from "@/lib/http/integration-schemas";

export const PATCH = withAuth<{ id: string }>(
  {
    permission: "integrations:edit",
    contract: {
      tag: "Integrations (portal only)",
      summary: "Rename, pause or resume a connection, or replace its secret or token",
      body: updateConnectionSchema,
      response: { status: 200, schema: idSchema },
    },
  },
  async (_req, { user, params, body }) =>
    NextResponse.json(await updateConnection(user, params.id, body)),
);

export const GET = methodNotAllowed(["PATCH"]);
export const POST = methodNotAllowed(["PATCH"]);
export const PUT = methodNotAllowed(["PATCH"]);
export const DELETE = methodNotAllowed(["PATCH"]);
