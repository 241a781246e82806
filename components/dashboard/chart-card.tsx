"use client";
// One dashboard figure: a titled card with the chart, its definition, a table alternative and a
// CSV download of the same table (lib/domain/metrics/tables).
import { METRIC_DEFINITIONS, type MetricName } from "@/lib/domain/metrics/definitions";
import { metricTable } from "@/lib/domain/metrics/tables";
import type { DashboardMetrics } from "@/lib/server/metrics/metrics";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { cn } from "@/components/ui/cn";

export function ChartCard({
  name,
  metrics,
  query,
  summary,
  empty,
  children,
  className,
}: {
  name: MetricName;
  metrics: DashboardMetrics;
  /** The dashboard's filter query, so the download has the same scope as the chart. */
  query: string;
  /** One sentence a screen reader hears for the chart; the table has the details. */
  summary: string;
  empty?: boolean;
  children: React.ReactNode;
  className?: string;
}) {
  const definition = METRIC_DEFINITIONS[name];
  const table = metricTable(metrics, name);
  const id = `figure-${name}`;
  const csv = `/api/v1/metrics/csv?figure=${name}${query ? `&${query}` : ""}`;
  return (
    <Card className={cn("flex flex-col", className)} aria-labelledby={`${id}-title`}>
      <header className="flex items-start justify-between gap-3 border-b border-slate-200 px-5 py-3">
        <div>
          <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
            {definition.title}
          </h2>
          <p className="mt-0.5 text-xs text-slate-600">{definition.definition}</p>
        </div>
        <a
          href={csv}
          download
          className="shrink-0 rounded-md px-2 py-1 text-xs font-medium text-brand-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
          aria-label={`Download ${definition.title} as CSV`}
        >
          CSV
        </a>
      </header>
      <div className="flex-1 px-5 py-4">
        {empty ? (
          <EmptyState title="Nothing in this range">Widen the range or clear a filter.</EmptyState>
        ) : (
          <figure aria-label={summary} className="m-0">
            {children}
          </figure>
        )}
      </div>
      <details className="border-t border-slate-200 px-5 py-2 text-sm">
        <summary className="cursor-pointer text-slate-700">Show as a table</summary>
        <div className="mt-2 max-h-80 overflow-auto">
          <table
            className="min-w-full divide-y divide-slate-200 text-xs"
            aria-label={definition.title}
          >
            <thead className="bg-slate-50">
              <tr>
                {table.columns.map((c) => (
                  <th
                    key={c.key}
                    scope="col"
                    className="px-2 py-1.5 text-left font-semibold text-slate-700"
                  >
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {table.rows.length === 0 ? (
                <tr>
                  <td colSpan={table.columns.length} className="px-2 py-2 text-slate-600">
                    No rows.
                  </td>
                </tr>
              ) : (
                table.rows.map((r, i) => (
                  <tr key={i}>
                    {table.columns.map((c) => (
                      <td key={c.key} className="px-2 py-1 tabular-nums text-slate-800">
                        {r[c.key] ?? "–"}
                      </td>
                    ))}
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </details>
    </Card>
  );
}
