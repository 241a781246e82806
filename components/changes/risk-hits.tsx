import type { RiskHit } from "@/lib/domain/risk/detect";
import { RISK_LABEL } from "@/lib/domain/risk/flags";

/** Where each detected risk is: file, line and the line itself. */
export function RiskHits({ hits }: { hits: RiskHit[] }) {
  if (hits.length === 0) return null;
  return (
    <ul
      aria-label="Detected risks"
      className="divide-y divide-amber-100 rounded-md bg-amber-50/60 ring-1 ring-amber-200"
    >
      {hits.map((h, i) => (
        <li key={`${h.rule}-${h.file}-${h.line}-${i}`} className="px-3 py-2 text-sm">
          <p className="font-medium text-amber-900">
            {h.title} <span className="font-normal text-amber-800">· {RISK_LABEL[h.flag]}</span>
          </p>
          <p className="font-mono text-xs text-slate-700">
            {h.file}
            {h.line !== null ? `:${h.line}` : ""}
            {h.side === "removed" ? " (removed line)" : ""}
          </p>
          {h.text ? (
            <pre className="mt-1 overflow-x-auto rounded bg-white px-2 py-1 font-mono text-xs text-slate-800 ring-1 ring-amber-100">
              {h.text}
            </pre>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
