// Where a request was addressed: scheme://host[:port], as a reverse proxy says it (X-Forwarded-*,
// which Next.js fills from the socket when no proxy did). One answer for the CSRF check, the
// security headers and the sign-in page.

export function requestOrigin(headers: Headers, fallback: URL): string {
  return `${requestScheme(headers, fallback)}://${headers.get("x-forwarded-host") ?? headers.get("host") ?? fallback.host}`;
}

export function requestScheme(headers: Headers, fallback?: URL): string {
  return headers.get("x-forwarded-proto") ?? fallback?.protocol.replace(/:$/, "") ?? "http";
}
