import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./secrets";

const env = { INTEGRATIONS_KEY: "k".repeat(32) };

describe("integration secrets at rest", () => {
  it("round-trips and never stores the plain text", () => {
    const sealed = encryptSecret("whsec_plain", env);
    expect(sealed).not.toContain("whsec_plain");
    expect(decryptSecret(sealed, env)).toBe("whsec_plain");
    expect(encryptSecret("whsec_plain", env)).not.toBe(sealed);
  });

  it("refuses another key and a tampered secret", () => {
    const sealed = encryptSecret("whsec_plain", env);
    expect(() => decryptSecret(sealed, { INTEGRATIONS_KEY: "j".repeat(32) })).toThrow();
    const parts = sealed.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => decryptSecret(parts.join("."), env)).toThrow();
  });

  it("says what is missing without a key", () => {
    expect(() => encryptSecret("x", {})).toThrow(/INTEGRATIONS_KEY/);
  });
});
