import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken, sessionCookieName, sessionTokenFrom } from "./session-token";

const secret = "session-test-secret-0123456789";

describe("the session cookie, read without NextAuth's session round trip", () => {
  it("decodes what next-auth/jwt's encode wrote", async () => {
    const token = await encode({ token: { uid: "u-1", method: "demo" }, secret });
    expect(await decodeSessionToken(token, secret)).toMatchObject({ uid: "u-1", method: "demo" });
  });

  it.each([
    ["another secret", async () => encode({ token: { uid: "u-1" }, secret: `${secret}-other` })],
    [
      "a tampered token",
      async () => {
        const token = await encode({ token: { uid: "u-1" }, secret });
        const parts = token.split(".");
        parts[3] = parts[3]!.replace(/^./, (c) => (c === "A" ? "B" : "A"));
        return parts.join(".");
      },
    ],
    ["an expired token", async () => encode({ token: { uid: "u-1" }, secret, maxAge: -60 })],
    ["no token", async () => undefined],
    ["garbage", async () => "not-a-jwt"],
  ])("refuses %s", async (_what, make) => {
    expect(await decodeSessionToken(await make(), secret)).toBeNull();
  });

  it("joins a token NextAuth split into chunks, and prefers the whole cookie", () => {
    const jar = (entries: Record<string, string>) => ({
      get: (name: string) => (name in entries ? { value: entries[name]! } : undefined),
    });
    const name = "next-auth.session-token";
    expect(sessionTokenFrom(jar({ [`${name}.0`]: "ab", [`${name}.1`]: "cd" }), name)).toBe("abcd");
    expect(sessionTokenFrom(jar({ [name]: "whole", [`${name}.0`]: "x" }), name)).toBe("whole");
    expect(sessionTokenFrom(jar({}), name)).toBeUndefined();
  });

  it("uses the __Secure- cookie over HTTPS, as NextAuth does", () => {
    expect(sessionCookieName("https://countersign.acme.example")).toBe(
      "__Secure-next-auth.session-token",
    );
    expect(sessionCookieName("http://localhost:3000")).toBe("next-auth.session-token");
    expect(sessionCookieName(undefined)).toBe("next-auth.session-token");
  });
});
