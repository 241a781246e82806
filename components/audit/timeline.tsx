import Link from "next/link";
import type { AuditRow } from "@/lib/server/audit/list";
import { PayloadView } from "./payload-view";
import { actionLabel } from "./action-label";

/** A subject's own history, newest first, from the audit trail. */
export function AuditTimeline({
  events,
  moreHref,
}: {
  events: AuditRow[];
  moreHref: string | null;
}) {
  if (events.length === 0)
    return <p className="px-5 py-4 text-sm text-slate-600">No recorded activity yet.</p>;
  return (
    <div>
      <ol className="divide-y divide-slate-100">
        {events.map((e) => (
          <li key={e.seq} className="px-5 py-3">
            <p className="text-sm text-slate-800">
              <span className="font-medium">{e.actorName}</span> {actionLabel(e.action)}
              <span className="text-slate-500">
                {" · "}
                <time dateTime={e.at.toISOString()}>
                  {e.at.toISOString().replace("T", " ").slice(0, 16)} UTC
                </time>{" "}
                · #{e.seq}
              </span>
            </p>
            <div className="mt-1.5">
              <PayloadView payload={e.payload} />
            </div>
          </li>
        ))}
      </ol>
      {moreHref ? (
        <p className="border-t border-slate-100 px-5 py-2 text-sm">
          <Link href={moreHref} className="text-brand-700 hover:underline">
            Full history in the audit trail →
          </Link>
        </p>
      ) : null}
    </div>
  );
}
