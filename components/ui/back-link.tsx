"use client";
// "← Back" to where the person came from when that was a page of the portal (the queue, a search,
// an incident, the dashboard...), else to the page's natural parent.
import Link from "next/link";
import { useSyncExternalStore } from "react";

const PLACES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^\/queue/, () => "Review queue"],
  [/^\/search/, () => "Search results"],
  [/^\/changes\/?$/, () => "My changes"],
  [/^\/changes\/(CR-\d+)/, (m) => m[1]!],
  [/^\/incidents\/(INC-\d+)/, (m) => m[1]!],
  [/^\/incidents/, () => "Incidents"],
  [/^\/dashboard/, () => "Dashboard"],
  [/^\/audit/, () => "Audit trail"],
  [/^\/systems\/([^/?]+)/, (m) => m[1]!],
  [/^\/systems/, () => "Systems"],
  [/^\/teams\/([^/?]+)/, (m) => m[1]!],
  [/^\/people/, () => "People"],
];

/** Where the person came from, when it was another page of this portal that we can name. */
export function cameFrom(referrer: string, origin: string, here: string) {
  if (!referrer) return null;
  let url: URL;
  try {
    url = new URL(referrer);
  } catch {
    return null;
  }
  if (url.origin !== origin || url.pathname === here) return null;
  for (const [pattern, label] of PLACES) {
    const m = pattern.exec(url.pathname);
    if (m) return { href: `${url.pathname}${url.search}`, label: label(m) };
  }
  return null;
}

const noop = () => () => {};

export function BackLink({
  fallback,
  here,
}: {
  fallback: { href: string; label: string };
  here: string;
}) {
  const referrer = useSyncExternalStore(
    noop,
    () => document.referrer,
    () => "",
  );
  const origin = useSyncExternalStore(
    noop,
    () => window.location.origin,
    () => "",
  );
  const back = cameFrom(referrer, origin, here) ?? fallback;
  return (
    <Link href={back.href} className="hover:underline">
      ← {back.label}
    </Link>
  );
}
