// The response headers a security review expects, set in one place (proxy.ts applies them to every
// page, API response and error page). docs/decisions/0009-security-headers.md.

export interface HeaderContext {
  /** A fresh random value per page request; null for API responses (no scripts at all). */
  nonce: string | null;
  /** The request reached us over HTTPS (directly or through a proxy that says so). */
  https: boolean;
  /** `next dev` needs eval for its fast refresh; never in production. */
  dev: boolean;
}

/** Content-Security-Policy: scripts only with this request's nonce; nothing may frame a page. */
export function contentSecurityPolicy({ nonce, https, dev }: HeaderContext): string {
  if (nonce === null) return "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React's style attributes (charts, progress bars) are inline styles, not scripts.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(context: HeaderContext): Record<string, string> {
  return {
    "content-security-policy": contentSecurityPolicy(context),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "permissions-policy":
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    ...(context.https
      ? { "strict-transport-security": "max-age=31536000; includeSubDomains" }
      : {}),
  };
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * The API's headers as next.config.ts `headers()` rules: API responses carry no scripts, so their
 * policy needs no nonce; Strict-Transport-Security only when a proxy says the request came over HTTPS.
 */
export function apiSecurityHeaders() {
  const list = (https: boolean) =>
    Object.entries(securityHeaders({ nonce: null, https, dev: false })).map(([key, value]) => ({
      key,
      value,
    }));
  return [
    { source: "/api/:path*", headers: list(false) },
    {
      source: "/api/:path*",
      has: [{ type: "header" as const, key: "x-forwarded-proto", value: "https" }],
      headers: list(true),
    },
  ];
}
