import { NextResponse } from "next/server";
import { z } from "zod";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import {
  createConnection,
  createConnectionSchema,
  listConnections,
} from "@/lib/server/integrations/connections";
import { connectionSchema, idSchema } from "@/lib/http/integration-schemas";

// Admins in the portal only: no scope, so no API token can read or change a connection.
export const GET = withAuth(
  {
    permission: "integrations:edit",
    contract: {
      tag: "Integrations (portal only)",
      summary: "The connections (never their secrets), what they serve, their latest deliveries",
      response: { status: 200, schema: z.object({ connections: z.array(connectionSchema) }) },
    },
  },
  async (_req, { user }) =>
    NextResponse.json(
      { connections: await listConnections(user) },
      { headers: { "cache-control": "no-store" } },
    ),
);

export const POST = withAuth(
  {
    permission: "integrations:edit",
    contract: {
      tag: "Integrations (portal only)",
      summary: "Add a GitHub, GitLab, PagerDuty or incident-webhook connection",
      description:
        "The webhook secret and the API token are stored encrypted and never shown again.",
      body: createConnectionSchema,
      response: { status: 201, schema: idSchema },
    },
  },
  async (_req, { user, body }) =>
    NextResponse.json(await createConnection(user, body), { status: 201 }),
);

export const PUT = methodNotAllowed(["GET", "POST"]);
export const PATCH = methodNotAllowed(["GET", "POST"]);
export const DELETE = methodNotAllowed(["GET", "POST"]);
