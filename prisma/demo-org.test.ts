import { describe, expect, it } from "vitest";
import { buildDemoOrganisation } from "./demo-org";

const now = new Date("2026-11-22T00:00:00Z");
const org = buildDemoOrganisation(now);

describe("the demo organisation", () => {
  it("is deterministic", () => {
    const again = buildDemoOrganisation(now);
    expect(again.users.map((u) => u.handle)).toEqual(org.users.map((u) => u.handle));
    expect(again.systems.map((s) => [s.slug, s.tier])).toEqual(
      org.systems.map((s) => [s.slug, s.tier]),
    );
  });

  it("has at least 40 teams, each with a manager", () => {
    expect(org.teams.length).toBeGreaterThanOrEqual(40);
    const managers = new Set(org.users.filter((u) => u.roles.includes("MANAGER")).map((u) => u.id));
    for (const team of org.teams) expect(managers.has(team.managerId)).toBe(true);
  });

  it("has 400 engineers in a realistic level mix", () => {
    const engineers = org.users.filter((u) => u.roles.length === 0);
    expect(engineers).toHaveLength(400);
    const share = (level: string) =>
      engineers.filter((e) => e.level === level).length / engineers.length;
    expect(share("JUNIOR")).toBeCloseTo(0.35, 2);
    expect(share("MID")).toBeCloseTo(0.3, 2);
    expect(share("SENIOR")).toBeCloseTo(0.25, 2);
    expect(share("PRINCIPAL")).toBeCloseTo(0.1, 2);
  });

  it("has two admins and a few seniors out of office", () => {
    expect(org.users.filter((u) => u.roles.includes("ADMIN"))).toHaveLength(2);
    const away = org.users.filter((u) => u.outOfOfficeUntil && u.outOfOfficeUntil > now);
    expect(away.length).toBeGreaterThanOrEqual(3);
    expect(away.every((u) => u.level === "SENIOR" || u.level === "PRINCIPAL")).toBe(true);
  });

  it("has 1,000 systems, 335 of them tier 1, with unique slugs", () => {
    expect(org.systems).toHaveLength(1000);
    expect(org.systems.filter((s) => s.tier === 1)).toHaveLength(335);
    expect(new Set(org.systems.map((s) => s.slug)).size).toBe(1000);
  });

  it("gives every team at least two SENIOR+ members, so tier-1 changes are routable", () => {
    const levelOf = new Map(org.users.map((u) => [u.id, u.level]));
    for (const team of org.teams) {
      const seniors = org.memberships.filter(
        (m) => m.teamId === team.id && ["SENIOR", "PRINCIPAL"].includes(levelOf.get(m.userId)!),
      );
      expect(seniors.length, team.slug).toBeGreaterThanOrEqual(2);
    }
  });

  it("has ownership rules for at least five monorepos with realistic paths", () => {
    const monorepos = org.repositories.filter((r) => r.id.startsWith("demo-repo-mono"));
    expect(monorepos.length).toBeGreaterThanOrEqual(5);
    for (const repo of monorepos) {
      const rules = org.rules.filter((r) => r.repositoryId === repo.id);
      expect(rules.length).toBeGreaterThanOrEqual(5);
      expect(rules.some((r) => r.pattern.includes("/"))).toBe(true);
    }
    expect(new Set(org.users.map((u) => u.email)).size).toBe(org.users.length);
  });
});
