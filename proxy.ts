// Runs before every page and route: refuses an address that is not valid percent-encoded UTF-8
// (which Next.js would otherwise answer with a plain-text 500) and a write to a page (405), sets the security headers with a
// fresh CSP nonce (lib/http/security-headers.ts), and passes the requested path to server
// components so that a sign-in redirect can come back to it. Authorization is not decided here:
// every page and route checks for itself (docs/architecture.md, "Entry points").
import { NextResponse, type NextRequest } from "next/server";
import { newNonce, securityHeaders } from "@/lib/http/security-headers";
import { requestScheme } from "@/lib/http/request-origin";

function decodable(pathname: string): boolean {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

export function proxy(request: NextRequest) {
  const api = request.nextUrl.pathname.startsWith("/api/");
  const https = requestScheme(request.headers, request.nextUrl) === "https";
  const nonce = api ? null : newNonce();
  const headers = securityHeaders({ nonce, https, dev: process.env.NODE_ENV !== "production" });

  if (!decodable(request.nextUrl.pathname)) {
    const message = "The address is not valid percent-encoded UTF-8.";
    const response = api
      ? NextResponse.json(
          { error: { code: "VALIDATION", message, details: [{ field: "(path)", message }] } },
          { status: 400 },
        )
      : new NextResponse(message, { status: 400, headers: { "content-type": "text/plain" } });
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  }

  // Pages are read-only: every write goes to an API route, and there are no server actions. Without
  // this, Next.js answers a POST to a page as a server action it cannot find (a plain-text 4xx).
  if (!api && request.method !== "GET" && request.method !== "HEAD") {
    const response = NextResponse.json(
      {
        error: {
          code: "METHOD_NOT_ALLOWED",
          message: `${request.method} is not allowed on a page; use GET or HEAD.`,
        },
      },
      { status: 405, headers: { allow: "GET, HEAD" } },
    );
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  }

  const forwarded = new Headers(request.headers);
  if (nonce) {
    // Next.js reads the nonce from the request's policy and puts it on its own scripts.
    forwarded.set("content-security-policy", headers["content-security-policy"]!);
    forwarded.set("x-nonce", nonce);
    forwarded.set("x-countersign-path", request.nextUrl.pathname + request.nextUrl.search);
  }
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

// Pages, and API paths holding a percent sign (to refuse undecodable ones). Other API requests skip
// the proxy: with a proxy in the way Next.js buffers the whole request body (up to 10 MB) before
// the route can refuse it, and readJson must be able to stop reading at the route's limit. API
// responses get the same headers from next.config.ts (apiSecurityHeaders).
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/).*)", "/api/(.*%.*)"],
};
