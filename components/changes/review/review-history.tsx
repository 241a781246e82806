import type { ReviewPageData } from "@/lib/server/changes/review-page";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/components/ui/date";
import { LevelBadge } from "@/components/people/level-badge";

const DECISION = {
  APPROVE: { label: "Approved", tone: "green" },
  REQUEST_CHANGES: { label: "Requested changes", tone: "amber" },
  REJECT: { label: "Rejected", tone: "red" },
} as const;

export function ReviewHistory({
  reviews,
  currentRevision,
}: {
  reviews: ReviewPageData["reviews"];
  currentRevision: number;
}) {
  if (reviews.length === 0)
    return <p className="px-5 py-4 text-sm text-slate-600">No reviews yet.</p>;
  return (
    <ol aria-label="Reviews" className="divide-y divide-slate-100">
      {reviews.map((r) => (
        <li key={r.id} className="px-5 py-3">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium text-slate-900">{r.reviewer.name}</span>
            <LevelBadge level={r.reviewer.level} />
            <Badge tone={DECISION[r.decision].tone}>{DECISION[r.decision].label}</Badge>
            <span className="text-xs text-slate-600">
              revision {r.revision}
              {r.revision < currentRevision && r.decision === "APPROVE"
                ? " (no longer counts)"
                : ""}{" "}
              · {formatDateTime(r.createdAt)} · {Math.round(r.secondsSpent / 60)} min,{" "}
              {r.filesViewed.length} files viewed
            </span>
            {r.possibleRubberStamp ? (
              <Badge tone="red" title={r.rubberStampReasons.join("; ")}>
                possible rubber stamp
              </Badge>
            ) : null}
          </div>
          <p className="mt-1 whitespace-pre-wrap text-sm text-slate-800">
            {r.decision === "APPROVE" ? r.attestation : r.comment}
          </p>
          {r.possibleRubberStamp ? (
            <p className="mt-0.5 text-xs text-red-700">{r.rubberStampReasons.join("; ")}</p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
