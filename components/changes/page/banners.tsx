// The change page's banners: where the sign-off stands, and the incidents linked to the change.
import Link from "next/link";
import type { ChangeDetail } from "@/lib/server/changes/queries";
import type { incidentsOfChange } from "@/lib/server/incidents/queries";
import { LinkKindBadge, SeverityBadge } from "@/components/incidents/badges";
import { when } from "./fields";

export function SignOffBanner({
  change,
  approval,
}: {
  change: ChangeDetail;
  approval: { approved: boolean; reason: string };
}) {
  if (["DRAFT", "WITHDRAWN", "REJECTED"].includes(change.status)) return null;
  return (
    <p
      role="status"
      className={`mb-6 rounded-lg px-4 py-3 text-sm ring-1 ${approval.approved ? "bg-emerald-50 text-emerald-900 ring-emerald-200" : "bg-slate-100 text-slate-800 ring-slate-200"}`}
    >
      <strong className="font-semibold">Sign-off: </strong>
      {approval.reason}
      {change.retrospectiveDueAt && !change.retrospectiveDoneAt
        ? ` Retrospective review due ${when(change.retrospectiveDueAt)}.`
        : ""}
    </p>
  );
}

export function IncidentsBanner({
  incidents,
  linkable,
}: {
  incidents: Awaited<ReturnType<typeof incidentsOfChange>>;
  /** Whether the viewer may open incidents. */
  linkable: boolean;
}) {
  if (incidents.length === 0) return null;
  return (
    <section
      aria-label="Incidents linked to this change"
      className={`mb-6 rounded-lg px-4 py-3 text-sm ring-1 ${incidents.some((l) => l.kind === "CAUSE") ? "bg-red-50 text-red-900 ring-red-200" : "bg-amber-50 text-amber-900 ring-amber-200"}`}
    >
      <strong className="font-semibold">Incidents: </strong>
      <ul className="mt-1 space-y-1">
        {incidents.map((l) => (
          <li key={l.incident.key} className="flex flex-wrap items-center gap-2">
            <LinkKindBadge kind={l.kind} /> <SeverityBadge severity={l.incident.severity} />
            {linkable ? (
              <Link href={`/incidents/${l.incident.key}`} className="font-medium underline">
                {l.incident.key}
              </Link>
            ) : (
              <span className="font-medium">{l.incident.key}</span>
            )}
            <span>{l.incident.title}</span>
            <span className="text-xs opacity-80">started {when(l.incident.startedAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
