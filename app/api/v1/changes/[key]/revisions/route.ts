import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { reviseChange, revisionSchema } from "@/lib/server/changes/transitions";
import { idempotencyKeyOf, idempotent } from "@/lib/server/idempotency";
import { revisedSchema } from "@/lib/http/api-schemas";

export const POST = withAuth<{ key: string }>(
  {
    permission: "changes:create",
    scope: "changes:write",
    contract: {
      tag: "Changes",
      summary: "Upload a new revision",
      description:
        "Earlier approvals stop counting and routing runs again. Send an `Idempotency-Key` header so that a retry does not make a second revision.",
      body: revisionSchema,
      maxBodyBytes: 8 * 1024 * 1024,
      idempotent: true,
      response: { status: 201, schema: revisedSchema },
    },
  },
  async (req, { user, params, body }) => {
    const key = params.key.toUpperCase();
    const answer = await idempotent(
      user,
      idempotencyKeyOf(req.headers),
      `POST /changes/${key}/revisions`,
      body,
      () => reviseChange(user, key, body),
    );
    return NextResponse.json(answer.body, {
      status: answer.status,
      headers: answer.replayed ? { "idempotent-replayed": "true" } : {},
    });
  },
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
