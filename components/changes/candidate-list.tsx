import { Badge } from "@/components/ui/badge";
import { LevelBadge } from "@/components/people/level-badge";
import type { Level } from "@/lib/domain/levels";

export interface CandidateRow {
  name: string;
  handle: string;
  level: Level;
  verdict: string;
  reason: string;
  assigned?: boolean;
}

/** Every candidate for a requirement and why they are, or are not, eligible. */
export function CandidateList({
  candidates,
  label,
}: {
  candidates: CandidateRow[];
  label: string;
}) {
  const eligible = candidates.filter(
    (c) => c.verdict === "ELIGIBLE" || c.verdict.startsWith("SKIPPED"),
  ).length;
  return (
    <details className="group mt-2">
      <summary className="cursor-pointer text-xs font-medium text-brand-700 hover:underline">
        {candidates.length} candidate{candidates.length === 1 ? "" : "s"}, {eligible} may approve:
        show who and why
      </summary>
      <ul
        aria-label={label}
        className="mt-2 divide-y divide-slate-100 rounded-md ring-1 ring-slate-200"
      >
        {candidates.map((c) => (
          <li key={c.handle} className="flex items-center justify-between gap-2 px-3 py-1.5">
            <span className="min-w-0">
              <span className="block truncate text-sm text-slate-900">
                {c.name} <span className="text-slate-600">@{c.handle}</span>
              </span>
              <span className="block truncate text-xs text-slate-600">{c.reason}</span>
            </span>
            <span className="flex shrink-0 items-center gap-1.5">
              {c.assigned ? <Badge tone="brand">assigned</Badge> : null}
              <LevelBadge level={c.level} />
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
