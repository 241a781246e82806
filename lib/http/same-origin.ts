// Cross-site request forgery protection for every state-changing request made with the session
// cookie (docs/decisions/0008-same-origin-writes.md). Browsers send Origin on every POST, PUT,
// PATCH and DELETE, and Sec-Fetch-Site on every request; neither can be set by a page.

export interface RequestOrigin {
  method: string;
  /** The Origin request header. */
  origin: string | null;
  /** The Sec-Fetch-Site request header. */
  secFetchSite: string | null;
  /** scheme://host[:port] the request was addressed to. */
  requestOrigin: string;
  /** Where the portal is published (NEXTAUTH_URL), which a reverse proxy may make differ from the above. */
  trustedOrigins: string[];
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Why a request may not change anything, or null when it may (or changes nothing by its method). */
export function crossOriginProblem(r: RequestOrigin): string | null {
  if (SAFE_METHODS.has(r.method.toUpperCase())) return null;
  if (r.secFetchSite !== null && r.secFetchSite !== "same-origin") {
    return `Refused a ${r.secFetchSite} request: changes are accepted only from the portal's own pages.`;
  }
  if (r.origin !== null) {
    if (r.origin === r.requestOrigin || r.trustedOrigins.includes(r.origin)) return null;
    return `Refused a request from ${r.origin}: changes are accepted only from the portal's own pages.`;
  }
  if (r.secFetchSite === "same-origin") return null;
  return "Refused a request without an Origin header: changes are accepted only from the portal's own pages.";
}
