"use client";
// The dashboard's charts (recharts): each has axis labels, a legend and a tooltip; ChartCard adds
// the title, the table alternative and the CSV download.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { DashboardMetrics } from "@/lib/server/metrics/metrics";
import { SEVERITIES } from "@/lib/domain/incidents/incident";

/** A rate's axis: from 0 to the data rounded up to 10 %, never past 100 %. */
const RATE_DOMAIN: [number, (max: number) => number] = [
  0,
  (max: number) => Math.min(1, Math.max(0.1, Math.ceil(max * 10) / 10)),
];
import { hours, percent, weekLabel } from "./format";

export const SEVERITY_COLOR: Record<(typeof SEVERITIES)[number], string> = {
  SEV1: "#b91c1c",
  SEV2: "#ea580c",
  SEV3: "#ca8a04",
  SEV4: "#64748b",
};
const AI = "#2753e3";
const NO_AI = "#0f766e";
const axis = { fontSize: 12, fill: "#475569" };

export function IncidentsPerWeekChart({ data }: { data: DashboardMetrics["incidentsPerWeek"] }) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 24, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="week"
          tickFormatter={weekLabel}
          tick={axis}
          label={{ value: "Week of", position: "insideBottom", offset: -16, ...axis }}
        />
        <YAxis
          allowDecimals={false}
          tick={axis}
          label={{ value: "Incidents", angle: -90, position: "insideLeft", ...axis }}
        />
        <Tooltip labelFormatter={(w) => `Week of ${weekLabel(String(w))}`} />
        <Legend verticalAlign="top" height={28} />
        {SEVERITIES.map((s) => (
          <Bar key={s} dataKey={s} stackId="sev" fill={SEVERITY_COLOR[s]} name={s} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

export function FailureTrendChart({ data }: { data: DashboardMetrics["changeFailureTrend"] }) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <LineChart data={data} margin={{ top: 8, right: 8, bottom: 24, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="week"
          tickFormatter={weekLabel}
          tick={axis}
          label={{ value: "Week deployed", position: "insideBottom", offset: -16, ...axis }}
        />
        <YAxis
          domain={RATE_DOMAIN}
          tickFormatter={(v: number) => percent(v, 0)}
          tick={axis}
          label={{ value: "Failure rate", angle: -90, position: "insideLeft", ...axis }}
        />
        <Tooltip
          labelFormatter={(w) => `Week of ${weekLabel(String(w))}`}
          formatter={(v) => percent(typeof v === "number" ? v : null)}
        />
        <Legend verticalAlign="top" height={28} />
        <Line
          type="monotone"
          dataKey="aiRate"
          name="AI-assisted"
          stroke={AI}
          strokeWidth={2}
          dot={false}
          connectNulls
        />
        <Line
          type="monotone"
          dataKey="noneRate"
          name="No AI"
          stroke={NO_AI}
          strokeWidth={2}
          strokeDasharray="5 3"
          dot={false}
          connectNulls
        />
      </LineChart>
    </ResponsiveContainer>
  );
}

export function RateBarChart({
  data,
  xLabel,
  height = 200,
}: {
  data: { key: string; rate: number | null; deployed: number; caused: number }[];
  xLabel: string;
  height?: number;
}) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart
        data={data.map((d) => ({
          group: d.key,
          rate: d.rate ?? 0,
          deployed: d.deployed,
          caused: d.caused,
        }))}
        margin={{ top: 8, right: 8, bottom: 24, left: 8 }}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="group"
          tick={axis}
          label={{ value: xLabel, position: "insideBottom", offset: -16, ...axis }}
        />
        <YAxis
          domain={RATE_DOMAIN}
          tickFormatter={(v: number) => percent(v, 0)}
          tick={axis}
          width={44}
        />
        <Tooltip
          formatter={(v, _n, item) => {
            const row = item.payload as { deployed: number; caused: number };
            return [
              `${percent(typeof v === "number" ? v : null)} (${row.caused} of ${row.deployed})`,
              "Failure rate",
            ];
          }}
        />
        <Legend verticalAlign="top" height={24} />
        <Bar dataKey="rate" name="Failure rate" fill={AI} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function RestoreChart({
  data,
}: {
  data: DashboardMetrics["timeToRestore"]["distribution"];
}) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 24, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="bucket"
          tick={axis}
          label={{ value: "Start to resolution", position: "insideBottom", offset: -16, ...axis }}
        />
        <YAxis
          allowDecimals={false}
          tick={axis}
          label={{ value: "Incidents", angle: -90, position: "insideLeft", ...axis }}
        />
        <Tooltip />
        <Legend verticalAlign="top" height={24} />
        <Bar dataKey="incidents" name="Resolved incidents" fill="#7c3aed" />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function ReviewTimesChart({ data }: { data: DashboardMetrics["reviewTimes"]["perWeek"] }) {
  return (
    <ResponsiveContainer width="100%" height={240}>
      <LineChart data={data} margin={{ top: 8, right: 8, bottom: 24, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="week"
          tickFormatter={weekLabel}
          tick={axis}
          label={{ value: "Week submitted", position: "insideBottom", offset: -16, ...axis }}
        />
        <YAxis
          tick={axis}
          label={{ value: "Hours", angle: -90, position: "insideLeft", ...axis }}
        />
        <Tooltip
          labelFormatter={(w) => `Week of ${weekLabel(String(w))}`}
          formatter={(v) => hours(typeof v === "number" ? v : null)}
        />
        <Legend verticalAlign="top" height={28} />
        <Line
          dataKey="firstReviewP50Hours"
          name="First review p50"
          stroke={AI}
          strokeWidth={2}
          dot={false}
          connectNulls
        />
        <Line
          dataKey="firstReviewP90Hours"
          name="First review p90"
          stroke="#93a8f4"
          strokeWidth={2}
          strokeDasharray="5 3"
          dot={false}
          connectNulls
        />
        <Line
          dataKey="approvalP50Hours"
          name="Approval p50"
          stroke={NO_AI}
          strokeWidth={2}
          dot={false}
          connectNulls
        />
      </LineChart>
    </ResponsiveContainer>
  );
}

export function QueueDepthChart({ data }: { data: DashboardMetrics["queueDepth"] }) {
  const rows = data.map((d) => ({ ...d, onTime: d.waiting - d.overdue }));
  return (
    <ResponsiveContainer width="100%" height={Math.max(160, rows.length * 26 + 60)}>
      <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis
          type="number"
          allowDecimals={false}
          tick={axis}
          label={{
            value: "Changes waiting for review",
            position: "insideBottom",
            offset: -16,
            ...axis,
          }}
        />
        <YAxis type="category" dataKey="name" tick={axis} width={120} />
        <Tooltip />
        <Legend verticalAlign="top" height={24} />
        <Bar dataKey="onTime" stackId="q" name="Within SLA" fill={AI} />
        <Bar dataKey="overdue" stackId="q" name="Past SLA" fill="#b91c1c" />
      </BarChart>
    </ResponsiveContainer>
  );
}
