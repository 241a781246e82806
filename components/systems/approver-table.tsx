import type { CandidateVerdict } from "@/lib/domain/routing/eligibility";
import { Badge } from "@/components/ui/badge";
import { LevelBadge } from "@/components/people/level-badge";

const VERDICT_TONE = { eligible: "green", skipped: "amber", excluded: "neutral" } as const;

function CandidateRow({ candidate: c }: { candidate: CandidateVerdict }) {
  const kind =
    c.verdict === "ELIGIBLE"
      ? "eligible"
      : c.verdict.startsWith("SKIPPED")
        ? "skipped"
        : "excluded";
  return (
    <li className="flex items-center justify-between gap-3 px-5 py-2">
      <div className="min-w-0">
        <p className="truncate text-sm font-medium text-slate-900">
          {c.person.name} <span className="font-normal text-slate-600">@{c.person.handle}</span>
        </p>
        <p className="truncate text-xs text-slate-600">{c.reason}</p>
      </div>
      <div className="flex shrink-0 items-center gap-2">
        <LevelBadge level={c.person.level} />
        <Badge tone={VERDICT_TONE[kind]}>{kind}</Badge>
      </div>
    </li>
  );
}

/**
 * Who may sign off, then who is skipped for now (out of office, at capacity); the owners who may
 * not approve at all sit behind a disclosure, so a team of forty does not bury the answer.
 */
export function ApproverTable({
  title,
  rule,
  candidates,
}: {
  title: string;
  rule: string;
  candidates: CandidateVerdict[];
}) {
  const shown = candidates.filter((c) => c.mayApprove);
  const excluded = candidates.filter((c) => !c.mayApprove);
  const eligible = shown.filter((c) => c.verdict === "ELIGIBLE").length;
  return (
    <section aria-label={title} className="min-w-0">
      <div className="px-5 pt-4">
        <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
        <p className="mt-0.5 text-xs text-slate-600">{rule}</p>
        <p className="mt-1 text-xs text-slate-600">
          {eligible} eligible of {candidates.length} owners
        </p>
      </div>
      <ul className="mt-3 divide-y divide-slate-100 border-t border-slate-100">
        {shown.map((c) => (
          <CandidateRow key={c.person.id} candidate={c} />
        ))}
        {candidates.length === 0 ? (
          <li className="px-5 py-3 text-sm text-red-700">
            Nobody owns this system: changes to it are unroutable.
          </li>
        ) : shown.length === 0 ? (
          <li className="px-5 py-3 text-sm text-red-700">
            No owner may approve: changes to it are unroutable.
          </li>
        ) : null}
      </ul>
      {excluded.length ? (
        <details className="group border-t border-slate-100">
          <summary className="cursor-pointer px-5 py-2 text-sm font-medium text-brand-700 hover:bg-slate-50">
            {excluded.length} {excluded.length === 1 ? "owner who" : "owners who"} may not approve,
            and why
          </summary>
          <ul className="divide-y divide-slate-100 border-t border-slate-100">
            {excluded.map((c) => (
              <CandidateRow key={c.person.id} candidate={c} />
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
