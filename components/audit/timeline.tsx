import Link from "next/link";
import type { AuditRow } from "@/lib/server/audit/list";
import { describeEvent } from "@/lib/domain/audit/describe";
import { formatDateTime } from "@/components/ui/date";
import { PayloadView } from "./payload-view";
import { actionLabel } from "./action-label";

/** Leaves the rubber-stamp flag out of a review event (for those who may not see it yet). */
function withoutStamp(payload: unknown): unknown {
  if (!payload || typeof payload !== "object") return payload;
  const {
    possibleRubberStamp: _flag,
    rubberStampReasons: _reasons,
    ...rest
  } = payload as Record<string, unknown>;
  void _flag;
  void _reasons;
  return rest;
}

/** A subject's own history, newest first, from the audit trail: in words, the raw event a click away. */
export function AuditTimeline({
  events,
  moreHref,
  hideStamp = false,
}: {
  events: AuditRow[];
  moreHref: string | null;
  /** Leave the rubber-stamp flag out (lib/domain/review/rubber-stamp.ts, seesStampFlag). */
  hideStamp?: boolean;
}) {
  if (events.length === 0)
    return <p className="px-5 py-4 text-sm text-slate-600">No recorded activity yet.</p>;
  return (
    <div>
      <ol className="divide-y divide-slate-100">
        {events.map((e) => {
          const payload = hideStamp ? withoutStamp(e.payload) : e.payload;
          const words = describeEvent({ ...e, payload }, { showStamp: !hideStamp });
          return (
            <li key={e.seq} className="px-5 py-3">
              <p className="text-sm text-slate-800">
                {words ?? (
                  <>
                    <span className="font-medium">{e.actorName}</span> {actionLabel(e.action)}
                  </>
                )}
                <span className="text-slate-600">
                  {" · "}
                  <time dateTime={e.at.toISOString()}>{formatDateTime(e.at)}</time>
                </span>
              </p>
              {words ? (
                <details className="mt-1 text-xs text-slate-600">
                  <summary className="cursor-pointer select-none hover:text-slate-900">
                    Raw event #{e.seq} ({e.action})
                  </summary>
                  <div className="mt-1.5">
                    <PayloadView payload={payload} />
                  </div>
                </details>
              ) : (
                // No sentence for it (an edit's before and after): the changed fields are the story.
                <div className="mt-1.5">
                  <PayloadView payload={payload} />
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {moreHref ? (
        <p className="border-t border-slate-100 px-5 py-2 text-sm">
          <Link href={moreHref} className="text-brand-700 underline hover:text-brand-800">
            Full history in the audit trail →
          </Link>
        </p>
      ) : null}
    </div>
  );
}
