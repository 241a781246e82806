import { describe, expect, it } from "vitest";
import { SCOPE_NAMES, SECRET_PATTERN, scopesBeyond, tokenUnusable } from "./scopes";
import { can } from "@/lib/authz/can";
import type { Level, Role } from "@/lib/domain/levels";

const person =
  (level: Level, roles: Role[] = []) =>
  (permission: string) =>
    can({ kind: "user", level, roles, active: true }, permission);

describe("scopesBeyond", () => {
  it.each([
    // [who, scopes, refused]
    [person("JUNIOR"), ["changes:read", "changes:write", "gate:read", "deployments:write"], []],
    [person("JUNIOR"), ["audit:read"], ["audit:read"]],
    [person("JUNIOR"), ["metrics:read", "incidents:write"], ["metrics:read", "incidents:write"]],
    [person("SENIOR"), ["incidents:write", "metrics:read"], ["metrics:read"]],
    [person("MID", ["MANAGER"]), ["audit:read", "metrics:read", "incidents:write"], []],
    [person("PRINCIPAL", ["ADMIN"]), SCOPE_NAMES, []],
    [person("PRINCIPAL", ["ADMIN"]), ["changes:approve"], ["changes:approve"]],
    [person("PRINCIPAL", ["ADMIN"]), ["__proto__", "toString"], ["__proto__", "toString"]],
  ] as const)("%#: %j refused %j", (may, scopes, refused) => {
    expect(scopesBeyond(scopes, may).map((r) => r.scope)).toEqual(refused);
  });

  it("no scope lets a token approve", () => {
    expect(SCOPE_NAMES.some((s) => /review|approv|sign/.test(s))).toBe(false);
  });
});

describe("tokenUnusable", () => {
  const now = new Date("2026-12-05T12:00:00Z");
  it.each([
    [{ revokedAt: null, expiresAt: null }, null],
    [{ revokedAt: null, expiresAt: new Date("2026-12-05T12:00:01Z") }, null],
    [{ revokedAt: null, expiresAt: now }, "The token expired."],
    [{ revokedAt: new Date("2026-12-01"), expiresAt: null }, "The token was revoked."],
  ])("%o → %s", (token, why) => {
    expect(tokenUnusable(token, now)).toBe(why);
  });
});

it("secrets look like cs_ and 43 base64url characters", () => {
  expect(SECRET_PATTERN.test(`cs_${"a".repeat(43)}`)).toBe(true);
  expect(SECRET_PATTERN.test(`cs_${"a".repeat(42)}`)).toBe(false);
  expect(SECRET_PATTERN.test(`xx_${"a".repeat(43)}`)).toBe(false);
});
