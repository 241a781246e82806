import { describe, expect, it } from "vitest";
import { sameOriginPath } from "./callback-url";

const ORIGIN = "http://localhost:3000";

describe("sameOriginPath", () => {
  it.each<[string | undefined, string]>([
    ["/queue", "/queue"],
    ["/changes/CR-12?tab=files#f-1", "/changes/CR-12?tab=files#f-1"],
    ["http://localhost:3000/dashboard?days=30", "/dashboard?days=30"],
    [undefined, "/"],
    ["", "/"],
    // Off-site, however spelled: browsers read a backslash as a slash and drop tabs and newlines.
    ["/\\evil.example/phish", "/"],
    ["/%5Cevil.example/phish", "/%5Cevil.example/phish"],
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["//evil.example", "/"],
    ["\\\\evil.example", "/"],
    ["https://evil.example/", "/"],
    ["http://localhost:3001/queue", "/"],
    ["javascript:alert(1)", "/"],
    ["data:text/html,<script>alert(1)</script>", "/"],
    ["/.//evil.example", "/"],
    ["/a/..//evil.example", "/"],
    [" /queue", "/queue"],
    ["queue", "/queue"],
  ])("%j → %j", (value, expected) => {
    const path = sameOriginPath(value, ORIGIN);
    expect(path).toBe(expected);
    // Whatever comes back, a browser resolves it on this origin.
    expect(new URL(path, ORIGIN).origin).toBe(ORIGIN);
    expect(path.startsWith("//") || path.startsWith("/\\")).toBe(false);
  });
});
