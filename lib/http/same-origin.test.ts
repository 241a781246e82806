import { describe, expect, it } from "vitest";
import { crossOriginProblem, type RequestOrigin } from "./same-origin";

const base: RequestOrigin = {
  method: "POST",
  origin: null,
  secFetchSite: null,
  requestOrigin: "http://localhost:3000",
  trustedOrigins: ["https://countersign.acme.example"],
};

describe("crossOriginProblem", () => {
  it.each<[string, Partial<RequestOrigin>, boolean]>([
    [
      "a same-origin fetch (both headers)",
      { origin: "http://localhost:3000", secFetchSite: "same-origin" },
      true,
    ],
    ["Sec-Fetch-Site same-origin alone", { secFetchSite: "same-origin" }, true],
    ["an Origin equal to the request's own", { origin: "http://localhost:3000" }, true],
    [
      "the configured public origin (behind a proxy)",
      { origin: "https://countersign.acme.example" },
      true,
    ],
    ["another port on the same host (same-site)", { origin: "http://localhost:4000" }, false],
    [
      "Sec-Fetch-Site same-site",
      { origin: "http://localhost:4000", secFetchSite: "same-site" },
      false,
    ],
    [
      "Sec-Fetch-Site cross-site",
      { origin: "https://evil.example", secFetchSite: "cross-site" },
      false,
    ],
    ["Sec-Fetch-Site none (typed or bookmarked)", { secFetchSite: "none" }, false],
    ["a sibling subdomain", { origin: "https://evil.acme.example" }, false],
    ["an opaque origin", { origin: "null" }, false],
    ["another scheme", { origin: "https://localhost:3000" }, false],
    ["neither header (no ambient-credential proof)", {}, false],
    [
      "Sec-Fetch-Site same-origin but a foreign Origin",
      { origin: "https://evil.example", secFetchSite: "same-origin" },
      false,
    ],
    [
      "a GET from anywhere (reads change nothing)",
      { method: "GET", origin: "https://evil.example" },
      true,
    ],
    ["a HEAD", { method: "HEAD", secFetchSite: "cross-site" }, true],
    ["a DELETE from another port", { method: "DELETE", origin: "http://localhost:4000" }, false],
    ["a PATCH with lower-case method", { method: "patch", origin: "http://localhost:4000" }, false],
  ])("%s", (_name, change, allowed) => {
    expect(crossOriginProblem({ ...base, ...change }) === null).toBe(allowed);
  });

  it("names the origin it refused", () => {
    expect(crossOriginProblem({ ...base, origin: "http://localhost:4000" })).toMatch(
      /localhost:4000/,
    );
  });
});
