import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { changeForApi, changeKeySchema } from "@/lib/server/changes/api";
import { changeDetailSchema } from "@/lib/http/api-schemas";
import { parseInput } from "@/lib/validation";

export const GET = withAuth<{ key: string }>(
  {
    permission: "portal:use",
    scope: "changes:read",
    contract: {
      tag: "Changes",
      summary: "One change: status, requirements with progress, reviewers, revision and gate",
      response: { status: 200, schema: changeDetailSchema },
    },
  },
  async (_req, { user, params }) =>
    NextResponse.json(await changeForApi(user, parseKey(params.key)), {
      headers: { "cache-control": "no-store" },
    }),
);

const parseKey = (key: string) => parseInput(changeKeySchema, key);

// Every other method: 405 in the JSON error shape.
export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
