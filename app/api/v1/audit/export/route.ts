import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { pgPool } from "@/lib/db/pg";
import { exportChunks, recordExport } from "@/lib/server/audit/export";
import { exportParamsSchema } from "@/lib/server/audit/export-params";
import { parseInput } from "@/lib/validation";

export const GET = withAuth({ permission: "audit:read" }, async (req, { user }) => {
  const params = parseInput(exportParamsSchema, Object.fromEntries(req.nextUrl.searchParams));
  await recordExport(user, params.format, "ui", {
    since: params.since ?? null,
    until: params.until ?? null,
  });
  const chunks = exportChunks(pgPool(), params.format, {
    since: params.since ? new Date(params.since) : undefined,
    until: params.until ? new Date(params.until) : undefined,
  });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, "");
  return new Response(body, {
    headers: {
      "content-type":
        params.format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="countersign-audit-${stamp}.${params.format}"`,
      "cache-control": "no-store",
    },
  });
});

// Every other method: 405 in the JSON error shape.
export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
