import { NextResponse } from "next/server";
import type { z } from "zod";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { saveChange } from "@/lib/server/changes/save";
import { changeInputSchema } from "@/lib/server/changes/input";
import {
  changeListSchema,
  listChangesForApi,
  listChangesQuerySchema,
} from "@/lib/server/changes/api";
import { idempotencyKeyOf, idempotent } from "@/lib/server/idempotency";
import { savedChangeSchema } from "@/lib/http/api-schemas";

export const GET = withAuth(
  {
    permission: "portal:use",
    scope: "changes:read",
    contract: {
      tag: "Changes",
      summary: "List changes, newest first",
      description:
        "Filters combine. Drafts are listed only for their authors (and admins). Page with `cursor` = the previous page's `nextCursor`.",
      query: listChangesQuerySchema,
      response: { status: 200, schema: changeListSchema },
    },
  },
  async (_req, { user, query }) =>
    NextResponse.json(
      await listChangesForApi(user, query as z.output<typeof listChangesQuerySchema>),
      { headers: { "cache-control": "no-store" } },
    ),
);

export const POST = withAuth(
  {
    permission: "changes:create",
    scope: "changes:write",
    contract: {
      tag: "Changes",
      summary: "Save a draft or submit a change",
      description:
        "With `submit: true` the change is routed to its owners at once. Send an `Idempotency-Key` header so that a retry answers the same change instead of creating another.",
      body: changeInputSchema,
      // Large enough for a 5 MB diff in JSON, so the diff's own limit answers with the field named.
      maxBodyBytes: 8 * 1024 * 1024,
      idempotent: true,
      response: { status: 201, schema: savedChangeSchema },
    },
  },
  async (req, { user, body }) => {
    const answer = await idempotent(
      user,
      idempotencyKeyOf(req.headers),
      "POST /changes",
      body,
      () => saveChange(user, body),
    );
    const key = (answer.body as { key: string }).key;
    return NextResponse.json(answer.body, {
      status: answer.status,
      headers: {
        location: `/changes/${key}`,
        ...(answer.replayed ? { "idempotent-replayed": "true" } : {}),
      },
    });
  },
);

// Every other method: 405 in the JSON error shape.
export const PUT = methodNotAllowed(["GET", "POST"]);
export const PATCH = methodNotAllowed(["GET", "POST"]);
export const DELETE = methodNotAllowed(["GET", "POST"]);
