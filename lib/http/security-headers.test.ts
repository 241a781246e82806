import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./security-headers";

describe("security headers", () => {
  const page = { nonce: "abc123", https: false, dev: false };

  it("allows scripts only with the request's nonce", () => {
    const csp = contentSecurityPolicy(page);
    expect(csp).toMatch(/script-src 'self' 'nonce-abc123' 'strict-dynamic'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).not.toMatch(/'unsafe-eval'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it("lets next dev evaluate code, never production", () => {
    expect(contentSecurityPolicy({ ...page, dev: true })).toContain("'unsafe-eval'");
  });

  it("gives API responses a policy that allows nothing", () => {
    expect(contentSecurityPolicy({ ...page, nonce: null })).toBe(
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
    );
  });

  it.each([
    [false, undefined],
    [true, "max-age=31536000; includeSubDomains"],
  ])("https %s: Strict-Transport-Security %s", (https, hsts) => {
    const headers = securityHeaders({ ...page, https });
    expect(headers["strict-transport-security"]).toBe(hsts);
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
  });

  it("makes a different nonce every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
