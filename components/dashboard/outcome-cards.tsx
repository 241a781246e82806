"use client";
// The dashboard's outcome cards: incidents per week, change failure rate (trend and splits),
// time to restore and customer impact.
import type { DashboardMetrics } from "@/lib/server/metrics/metrics";
import { SIZE_BUCKETS } from "@/lib/domain/metrics/size";
import { LEVEL_LABEL, type Level } from "@/lib/domain/levels";
import { ChartCard } from "./chart-card";
import {
  FailureTrendChart,
  IncidentsPerWeekChart,
  RateBarChart,
  RestoreChart,
  SEVERITY_COLOR,
} from "./charts";
import { SmallTable } from "./small-table";
import { count, hours, percent } from "./format";

export function OutcomeCards({ m, query }: { m: DashboardMetrics; query: string }) {
  const cfr = m.changeFailureRate;
  const levelRows = cfr.byAuthorLevel.map((s) => ({ ...s, key: LEVEL_LABEL[s.key as Level] }));
  const sizeRows = cfr.bySize.map((s) => ({ ...s, key: s.key }));
  return (
    <>
      <div className="grid gap-5 xl:grid-cols-2">
        <ChartCard
          name="incidentsPerWeek"
          metrics={m}
          query={query}
          empty={m.incidentsPerWeek.length === 0}
          summary={`${m.headline.incidents.current} incidents over ${m.incidentsPerWeek.length} weeks, stacked by severity.`}
        >
          <IncidentsPerWeekChart data={m.incidentsPerWeek} />
        </ChartCard>
        <ChartCard
          name="changeFailureTrend"
          metrics={m}
          query={query}
          empty={m.changeFailureTrend.length === 0}
          summary={`Weekly change failure rate: AI-assisted ${percent(m.headline.aiFailureRatio.aiRate)} overall, no AI ${percent(m.headline.aiFailureRatio.noneRate)}.`}
        >
          <FailureTrendChart data={m.changeFailureTrend} />
        </ChartCard>
      </div>

      <ChartCard
        name="changeFailureRate"
        metrics={m}
        query={query}
        empty={cfr.overall.deployed === 0}
        summary={`Change failure rate ${percent(cfr.overall.rate)} of ${cfr.overall.deployed} deployed changes, split by AI extent, author level and size.`}
      >
        <div className="grid gap-4 lg:grid-cols-3">
          <div>
            <h3 className="text-sm font-medium text-slate-800">By AI extent</h3>
            <RateBarChart data={cfr.byAiExtent} xLabel="AI extent" />
          </div>
          <div>
            <h3 className="text-sm font-medium text-slate-800">By author level</h3>
            <RateBarChart data={levelRows} xLabel="Author level" />
          </div>
          <div>
            <h3 className="text-sm font-medium text-slate-800">By size</h3>
            <RateBarChart
              data={sizeRows}
              xLabel={`Lines changed (${SIZE_BUCKETS.map((b) => b.name).join(", ")})`}
            />
          </div>
        </div>
        <h3 className="mt-4 text-sm font-medium text-slate-800">
          By approver (most failures first)
        </h3>
        <SmallTable
          label="Change failure rate by approver"
          head={["Approver", "Level", "Deployed", "Caused", "Rate"]}
          rows={cfr.byApprover
            .slice(0, 8)
            .map((a) => [
              `${a.name} (@${a.key})`,
              a.level,
              count(a.deployed),
              count(a.caused),
              percent(a.rate),
            ])}
        />
      </ChartCard>

      <div className="grid gap-5 xl:grid-cols-2">
        <ChartCard
          name="timeToRestore"
          metrics={m}
          query={query}
          empty={m.timeToRestore.resolved === 0}
          summary={`Median time to restore ${hours(m.timeToRestore.p50Hours)}, p90 ${hours(m.timeToRestore.p90Hours)}.`}
        >
          <p className="mb-2 text-sm text-slate-700">
            Median <strong>{hours(m.timeToRestore.p50Hours)}</strong> · p90{" "}
            <strong>{hours(m.timeToRestore.p90Hours)}</strong> over {m.timeToRestore.resolved}{" "}
            resolved incidents
          </p>
          <RestoreChart data={m.timeToRestore.distribution} />
        </ChartCard>
        <ChartCard
          name="customerImpact"
          metrics={m}
          query={query}
          empty={m.customerImpact.incidents === 0}
          summary={`${count(m.customerImpact.customersAffected)} customers affected and ${count(m.customerImpact.lostOrders)} orders lost.`}
        >
          <dl className="mb-3 grid grid-cols-3 gap-2 text-center">
            {[
              ["Customers affected", m.customerImpact.customersAffected],
              ["Lost orders", m.customerImpact.lostOrders],
              ["Errors", m.customerImpact.errors],
            ].map(([label, value]) => (
              <div key={label} className="rounded-md bg-slate-50 px-2 py-2">
                <dt className="text-xs text-slate-600">{label}</dt>
                <dd className="text-lg font-semibold tabular-nums text-slate-900">
                  {count(value as number)}
                </dd>
              </div>
            ))}
          </dl>
          <SmallTable
            label="Customer impact by severity"
            head={["Severity", "Incidents", "Customers", "Lost orders"]}
            rows={m.customerImpact.bySeverity.map((s) => [
              <span key="s" className="inline-flex items-center gap-1.5">
                <span
                  aria-hidden
                  className="size-2.5 rounded-sm"
                  style={{ background: SEVERITY_COLOR[s.severity] }}
                />
                {s.severity}
              </span>,
              count(s.incidents),
              count(s.customersAffected),
              count(s.lostOrders),
            ])}
          />
        </ChartCard>
      </div>
    </>
  );
}
