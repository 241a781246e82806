import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import type { z } from "zod";
import { pgPool } from "@/lib/db/pg";
import { auditStreamQuerySchema, streamAudit } from "@/lib/server/audit/stream";

export const GET = withAuth(
  {
    permission: "audit:read",
    scope: "audit:read",
    contract: {
      tag: "Audit",
      summary: "The audit trail as NDJSON, from a sequence number on",
      description:
        "One event per line in `seq` order, each with its `prevHash` and `hash`. For SIEM ingestion: keep the last `seq` you stored and ask again with `since` set to it.",
      query: auditStreamQuerySchema,
      response: { status: 200, mediaType: "application/x-ndjson" },
    },
  },
  async (_req, { query }) =>
    streamAudit(pgPool(), query as z.output<typeof auditStreamQuerySchema>),
);

// Every other method: 405 in the JSON error shape.
export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
