import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { pgPool } from "@/lib/db/pg";
import { chunkStream, exportChunks, recordExport } from "@/lib/server/audit/export";
import { exportParamsSchema, type ExportParams } from "@/lib/server/audit/export-params";

export const GET = withAuth(
  {
    permission: "audit:read",
    scope: "audit:read",
    contract: {
      tag: "Audit",
      summary: "Export the audit trail as CSV or NDJSON (audited)",
      query: exportParamsSchema,
      response: { status: 200, mediaType: "application/x-ndjson" },
    },
  },
  async (_req, { user, query }) => {
    const params = query as ExportParams;
    await recordExport(user, params.format, user.kind === "token" ? "api" : "ui", {
      since: params.since ?? null,
      until: params.until ?? null,
    });
    const chunks = exportChunks(pgPool(), params.format, {
      since: params.since ? new Date(params.since) : undefined,
      until: params.until ? new Date(params.until) : undefined,
    });
    const body = chunkStream(chunks);
    const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, "");
    return new Response(body, {
      headers: {
        "content-type":
          params.format === "csv"
            ? "text/csv; charset=utf-8"
            : "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="countersign-audit-${stamp}.${params.format}"`,
        "cache-control": "no-store",
      },
    });
  },
);

// Every other method: 405 in the JSON error shape.
export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
