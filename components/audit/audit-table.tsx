import { formatDateTime } from "@/components/ui/date";
import type { AuditRow } from "@/lib/server/audit/list";
import { Badge } from "@/components/ui/badge";
import { PayloadView } from "./payload-view";

const ACTOR_TONE = { USER: "neutral", TOKEN: "brand", SYSTEM: "violet" } as const;

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return (
    <ul aria-label="Audit events" className="divide-y divide-slate-100">
      {rows.map((e) => (
        <li key={e.seq}>
          <details className="group">
            <summary className="grid cursor-pointer list-none grid-cols-[4.5rem_9.5rem_1fr] items-center gap-3 px-4 py-2.5 text-sm hover:bg-slate-50 md:grid-cols-[4.5rem_9.5rem_minmax(0,1.2fr)_minmax(0,1fr)_minmax(0,1fr)]">
              <span className="font-mono text-xs text-slate-600">
                <span
                  aria-hidden
                  className="mr-1 inline-block text-slate-400 transition-transform group-open:rotate-90"
                >
                  ›
                </span>
                #{e.seq}
              </span>
              <time dateTime={e.at.toISOString()} className="text-xs tabular-nums text-slate-600">
                {formatDateTime(e.at, { seconds: true })}
              </time>
              <span className="truncate">
                <Badge tone={ACTOR_TONE[e.actorType]} className="mr-1.5">
                  {e.actorType.toLowerCase()}
                </Badge>
                {e.actorName}
              </span>
              <span className="hidden truncate font-mono text-xs text-slate-800 md:block">
                {e.action}
              </span>
              <span className="hidden truncate text-slate-700 md:block">
                {e.subjectType}
                {e.subjectLabel ? `: ${e.subjectLabel}` : ""}
                {e.changeKey ? ` · ${e.changeKey}` : ""}
              </span>
            </summary>
            <div className="space-y-2 bg-slate-50/60 px-4 pb-4 pt-2">
              <p className="font-mono text-xs text-slate-800 md:hidden">{e.action}</p>
              <PayloadView payload={e.payload} />
              <p className="break-all font-mono text-[11px] text-slate-600">hash {e.hash}</p>
            </div>
          </details>
        </li>
      ))}
    </ul>
  );
}
