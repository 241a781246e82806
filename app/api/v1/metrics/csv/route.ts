import { stringify } from "csv-stringify/sync";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { METRIC_NAMES, type MetricName } from "@/lib/domain/metrics/definitions";
import { metricTable } from "@/lib/domain/metrics/tables";
import { validationError } from "@/lib/errors";
import { resolveMetricsScope } from "@/lib/server/metrics/filters";
import { getMetrics } from "@/lib/server/metrics/metrics";

/** One dashboard figure as CSV: the same table the dashboard shows under its chart. */
export const GET = withAuth(
  {
    permission: "dashboard:read",
    scope: "metrics:read",
    contract: {
      tag: "Metrics",
      summary: "One dashboard figure as CSV",
      response: { status: 200, mediaType: "text/csv" },
    },
  },
  async (req) => {
    const { figure, ...params } = Object.fromEntries(req.nextUrl.searchParams);
    if (!figure || !METRIC_NAMES.includes(figure as MetricName))
      throw validationError([
        { field: "figure", message: `must be one of ${METRIC_NAMES.join(", ")}` },
      ]);
    const scope = await resolveMetricsScope(params);
    const table = metricTable(await getMetrics(scope), figure as MetricName);
    const csv = stringify(
      table.rows.map((r) => table.columns.map((c) => r[c.key] ?? "")),
      { header: true, columns: table.columns.map((c) => c.label) },
    );
    const range = `${scope.from.toISOString().slice(0, 10)}_${scope.to.toISOString().slice(0, 10)}`;
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="countersign-${figure}-${range}.csv"`,
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
