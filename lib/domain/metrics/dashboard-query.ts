// The dashboard's filters live in the URL: which parameters are filters, how a change to them
// makes the next query string, and what choosing a time range sets. Pure.
export const DASHBOARD_FILTERS = ["days", "from", "to", "team", "system", "tier"] as const;

/** Open assignments per senior at which a team reads as overloaded. */
export const OVERLOADED_PER_SENIOR = 5;

export const isOverloaded = (openPerSenior: number | null) =>
  (openPerSenior ?? 0) >= OVERLOADED_PER_SENIOR;

/** The filter parameters of a URL's query, in order, without empty ones. */
export function filterQuery(params: Iterable<[string, string]>): string {
  return new URLSearchParams(
    [...params].filter(
      ([k, v]) => (DASHBOARD_FILTERS as readonly string[]).includes(k) && v !== "",
    ),
  ).toString();
}

/** The query after setting (or, with "", clearing) some parameters. */
export function nextQuery(current: string, changes: Record<string, string>): string {
  const next = new URLSearchParams(current);
  for (const [k, v] of Object.entries(changes)) {
    if (v) next.set(k, v);
    else next.delete(k);
  }
  return next.toString();
}

/**
 * What choosing a time range sets: a preset clears any custom dates (90 days is the default and
 * is left out of the URL); "custom" starts from the range on screen.
 */
export function rangeChanges(
  choice: string,
  shown: { from: string; to: string },
): Record<string, string> {
  if (choice === "custom")
    return { days: "", from: `${shown.from.slice(0, 10)}T00:00`, to: shown.to.slice(0, 16) };
  return { days: choice === "90" ? "" : choice, from: "", to: "" };
}
