// Where to send someone after signing in: only a path on this portal, however the value is spelled
// (browsers read `/\host` and `/<TAB>/host` as `//host`, another site).

/**
 * The path, query and fragment of `value` when it parses (against `origin`) to a URL on `origin`;
 * "/" otherwise. The result never starts with `//` or `/\`, so a browser cannot read it as another host.
 */
export function sameOriginPath(value: string | undefined | null, origin: string): string {
  if (!value) return "/";
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(origin).origin) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  return /^\/[/\\]/.test(path) ? "/" : path;
}
