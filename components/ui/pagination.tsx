import Link from "next/link";
import { buttonClass } from "./button";

/** Keyset pagination: links carry an opaque cursor, so pages stay stable while rows change. */
export function KeysetPagination({
  prevHref,
  nextHref,
  summary,
}: {
  prevHref: string | null;
  nextHref: string | null;
  summary?: React.ReactNode;
}) {
  const disabled = "pointer-events-none opacity-40";
  return (
    <nav
      aria-label="Pagination"
      className="flex items-center justify-between gap-3 border-t border-slate-200 px-4 py-3"
    >
      <p className="text-sm text-slate-600">{summary}</p>
      <div className="flex gap-2">
        {prevHref ? (
          <Link href={prevHref} className={buttonClass("secondary", "sm")} rel="prev">
            ← Previous
          </Link>
        ) : (
          <span aria-disabled="true" className={buttonClass("secondary", "sm", disabled)}>
            ← Previous
          </span>
        )}
        {nextHref ? (
          <Link href={nextHref} className={buttonClass("secondary", "sm")} rel="next">
            Next →
          </Link>
        ) : (
          <span aria-disabled="true" className={buttonClass("secondary", "sm", disabled)}>
            Next →
          </span>
        )}
      </div>
    </nav>
  );
}
