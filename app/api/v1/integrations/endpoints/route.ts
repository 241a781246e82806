import { NextResponse } from "next/server";
import { z } from "zod";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import {
  createEndpoint,
  createEndpointSchema,
  listEndpoints,
} from "@/lib/server/integrations/outbound";
import { endpointSchema, idSchema } from "@/lib/http/integration-schemas";

// Admins in the portal only: no scope, so no API token can read or add an endpoint.
export const GET = withAuth(
  {
    permission: "integrations:edit",
    contract: {
      tag: "Integrations (portal only)",
      summary:
        "Slack channels and outbound webhooks (never their URLs or secrets), with their latest deliveries",
      response: { status: 200, schema: z.object({ endpoints: z.array(endpointSchema) }) },
    },
  },
  async (_req, { user }) =>
    NextResponse.json(
      { endpoints: await listEndpoints(user) },
      { headers: { "cache-control": "no-store" } },
    ),
);

export const POST = withAuth(
  {
    permission: "integrations:edit",
    contract: {
      tag: "Integrations (portal only)",
      summary: "Add a team's Slack incoming webhook or a signed outbound webhook",
      body: createEndpointSchema,
      response: { status: 201, schema: idSchema },
    },
  },
  async (_req, { user, body }) =>
    NextResponse.json(await createEndpoint(user, body), { status: 201 }),
);

export const PUT = methodNotAllowed(["GET", "POST"]);
export const PATCH = methodNotAllowed(["GET", "POST"]);
export const DELETE = methodNotAllowed(["GET", "POST"]);
