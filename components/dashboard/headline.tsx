// The numbers at the top of the dashboard, each against the previous period of the same length.
import type { DashboardMetrics } from "@/lib/server/metrics/metrics";
import { cn } from "@/components/ui/cn";
import { count, hours, percent } from "./format";

type Figure = { current: number | null; previous: number | null; change: number | null };

function Tile({
  label,
  value,
  figure,
  previous,
  upIsBad = true,
  note,
}: {
  label: string;
  value: string;
  figure: Figure;
  previous: string;
  upIsBad?: boolean;
  note?: string;
}) {
  const c = figure.change;
  const bad = c !== null && c !== 0 && c > 0 === upIsBad;
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</dd>
      <dd className="mt-1 text-xs text-slate-600">
        {c === null ? (
          <span>previous period: {previous}</span>
        ) : (
          <span>
            <span className={cn("font-semibold", bad ? "text-red-700" : "text-emerald-700")}>
              {c > 0 ? "▲" : c < 0 ? "▼" : "■"} {Math.abs(c * 100).toFixed(0)}%
            </span>{" "}
            vs {previous} before
          </span>
        )}
      </dd>
      {note ? <dd className="mt-1 text-xs text-slate-600">{note}</dd> : null}
    </div>
  );
}

export function Headline({ m }: { m: DashboardMetrics }) {
  const h = m.headline;
  const ratio = h.aiFailureRatio;
  const cfr = m.changeFailureRate;
  const none = cfr.byAiExtent.find((s) => s.key === "NONE");
  const ai = cfr.byAiExtent
    .filter((s) => s.key !== "NONE")
    .reduce((a, s) => ({ deployed: a.deployed + s.deployed, caused: a.caused + s.caused }), {
      deployed: 0,
      caused: 0,
    });
  const of = (n: number, d: number) => `${count(n)} of ${count(d)}`;
  return (
    <dl
      className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7"
      aria-label="Headline figures"
    >
      <Tile
        label="Incidents"
        value={count(h.incidents.current)}
        figure={h.incidents}
        previous={count(h.incidents.previous)}
      />
      <Tile
        label="Change failure rate"
        value={percent(h.changeFailureRate.current)}
        figure={h.changeFailureRate}
        previous={percent(h.changeFailureRate.previous)}
        note={`${of(cfr.overall.caused, cfr.overall.deployed)} deployed changes caused an incident`}
      />
      <Tile
        label="AI-assisted vs no AI"
        value={ratio.current === null ? "–" : `${ratio.current.toFixed(1)}×`}
        figure={ratio}
        previous={ratio.previous === null ? "–" : `${ratio.previous.toFixed(1)}×`}
        note={`fail ${percent(ratio.aiRate)} (${of(ai.caused, ai.deployed)}) vs ${percent(ratio.noneRate)} (${of(none?.caused ?? 0, none?.deployed ?? 0)})`}
      />
      <Tile
        label="Time to restore (median)"
        value={hours(h.timeToRestoreP50Hours.current)}
        figure={h.timeToRestoreP50Hours}
        previous={hours(h.timeToRestoreP50Hours.previous)}
      />
      <Tile
        label="First review (median)"
        value={hours(h.timeToFirstReviewP50Hours.current)}
        figure={h.timeToFirstReviewP50Hours}
        previous={hours(h.timeToFirstReviewP50Hours.previous)}
      />
      <Tile
        label="SLA breaches"
        value={count(h.slaBreaches.current)}
        figure={h.slaBreaches}
        previous={count(h.slaBreaches.previous)}
      />
      <Tile
        label="Possible rubber stamps"
        value={count(h.possibleRubberStamps.current)}
        figure={h.possibleRubberStamps}
        previous={count(h.possibleRubberStamps.previous)}
        note={`of ${count(m.rubberStamps.approvals)} approvals`}
      />
    </dl>
  );
}
