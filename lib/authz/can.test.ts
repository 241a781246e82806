import { describe, expect, it } from "vitest";
import { can } from "./can";
import { PERMISSIONS, type Grantee } from "./permissions";
import type { Level, Role } from "@/lib/domain/levels";

const actor = (level: Level, roles: Role[] = [], active = true): Grantee => ({
  kind: "user",
  level,
  roles,
  active,
});

describe("can", () => {
  it.each([
    // [who, action, allowed]
    [actor("JUNIOR"), "systems:read", true],
    [actor("JUNIOR"), "people:read", true],
    [actor("JUNIOR"), "systems:edit", false],
    [actor("PRINCIPAL"), "systems:edit", false],
    [actor("MID", ["MANAGER"]), "systems:edit", false],
    [actor("MID", ["ADMIN"]), "systems:edit", true],
    [actor("JUNIOR"), "admin:use", false],
    [actor("SENIOR", ["ADMIN"]), "admin:use", true],
    // Routing assigns MID owners to no-AI tier-2/3 changes: they need a queue.
    [actor("JUNIOR"), "queue:read", false],
    [actor("MID"), "queue:read", true],
    [actor("SENIOR"), "queue:read", true],
    [actor("PRINCIPAL"), "queue:read", true],
    [actor("JUNIOR"), "audit:read", false],
    [actor("JUNIOR", ["MANAGER"]), "audit:read", true],
    [actor("SENIOR", ["MANAGER"]), "audit:verify", false],
    [actor("SENIOR", ["ADMIN"]), "audit:verify", true],
    [actor("MID", ["MANAGER"]), "dashboard:read", true],
    [actor("PRINCIPAL"), "dashboard:read", false],
    [actor("SENIOR"), "incidents:write", true],
    [actor("MID"), "incidents:write", false],
  ] as const)("%o may %s: %s", (who, action, allowed) => {
    expect(can(who, action)).toBe(allowed);
  });

  it("refuses an inactive person everything", () => {
    for (const action of Object.keys(PERMISSIONS)) {
      expect(can(actor("PRINCIPAL", ["ADMIN", "MANAGER"], false), action)).toBe(false);
    }
  });

  it("refuses when nobody is signed in", () => {
    expect(can(null, "systems:read")).toBe(false);
    expect(can(undefined, "portal:use")).toBe(false);
  });

  it("refuses an action missing from the table, even for an admin", () => {
    expect(can(actor("PRINCIPAL", ["ADMIN"]), "systems:delete-everything")).toBe(false);
    expect(can(actor("PRINCIPAL", ["ADMIN"]), "toString")).toBe(false);
    expect(can(actor("PRINCIPAL", ["ADMIN"]), "__proto__")).toBe(false);
  });
});
