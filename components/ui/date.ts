// One date format everywhere in the portal: "2026-12-06 05:49 UTC" (ISO order, 24-hour clock,
// always UTC, so that people in different offices read the same time the audit trail records).

export function formatDateTime(
  value: Date | string | null | undefined,
  options: { seconds?: boolean } = {},
): string {
  if (value === null || value === undefined) return "—";
  const d = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return "—";
  return `${d
    .toISOString()
    .replace("T", " ")
    .slice(0, options.seconds ? 19 : 16)} UTC`;
}
