import { describe, expect, it } from "vitest";
import { requestOrigin, requestScheme } from "./request-origin";

const fallback = new URL("http://localhost:3000/x");

describe("requestOrigin", () => {
  it.each<[Record<string, string>, string]>([
    [{ host: "localhost:3000" }, "http://localhost:3000"],
    [
      {
        host: "10.0.0.5:3000",
        "x-forwarded-proto": "https",
        "x-forwarded-host": "cs.acme.example",
      },
      "https://cs.acme.example",
    ],
    [{}, "http://localhost:3000"],
  ])("%j → %s", (headers, expected) => {
    expect(requestOrigin(new Headers(headers), fallback)).toBe(expected);
  });

  it("reads the scheme a proxy reports", () => {
    expect(requestScheme(new Headers({ "x-forwarded-proto": "https" }), fallback)).toBe("https");
    expect(requestScheme(new Headers(), fallback)).toBe("http");
    expect(requestScheme(new Headers())).toBe("http");
  });
});
