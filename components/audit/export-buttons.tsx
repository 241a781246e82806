import { buttonClass } from "@/components/ui/button";
import { withParams } from "@/lib/search-params";

/** Streamed downloads of the audit trail for the chosen time range (the export is audited). */
export function ExportButtons({ since, until }: { since?: string; until?: string }) {
  const range = {
    since: since ? `${since}:00Z` : undefined,
    until: until ? `${until}:00Z` : undefined,
  };
  return (
    <>
      <a
        href={withParams("/api/v1/audit/export", range, { format: "csv" })}
        className={buttonClass("secondary", "md")}
        download
      >
        Export CSV
      </a>
      <a
        href={withParams("/api/v1/audit/export", range, { format: "ndjson" })}
        className={buttonClass("secondary", "md")}
        download
      >
        Export NDJSON
      </a>
    </>
  );
}
