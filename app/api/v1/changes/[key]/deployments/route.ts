import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { changeKeySchema } from "@/lib/server/changes/api";
import { deploymentSchema, recordDeployment } from "@/lib/server/changes/transitions";
import { statusSchema } from "@/lib/http/api-schemas";
import { parseInput } from "@/lib/validation";

export const POST = withAuth<{ key: string }>(
  {
    permission: "changes:create",
    scope: "deployments:write",
    contract: {
      tag: "Deployments",
      summary: "Record a deployment or a rollback",
      description:
        "By the change's author or co-author, or an admin. A deployment is refused (409) unless the gate allows the change; the first one marks it deployed, which is what incidents list as suspects.",
      body: deploymentSchema,
      response: { status: 201, schema: statusSchema },
    },
  },
  async (_req, { user, params, body }) =>
    NextResponse.json(await recordDeployment(user, parseInput(changeKeySchema, params.key), body), {
      status: 201,
    }),
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
