import { describe, expect, it } from "vitest";
import type { Level, Role } from "@/lib/domain/levels";
import { homeFor } from "./home";

describe("where / sends each kind of person", () => {
  it.each<[Level, Role[], string]>([
    ["JUNIOR", [], "/changes"],
    ["MID", [], "/changes"],
    ["SENIOR", [], "/queue"],
    ["PRINCIPAL", [], "/queue"],
    ["MID", ["MANAGER"], "/dashboard"],
    ["SENIOR", ["MANAGER"], "/dashboard"],
    ["SENIOR", ["ADMIN"], "/admin"],
    ["SENIOR", ["MANAGER", "ADMIN"], "/admin"],
  ])("%s %j -> %s", (level, roles, home) => {
    expect(homeFor({ kind: "user", level, roles, active: true })).toBe(home);
  });
});
