import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeSystem, makeTeam, makeUser } from "@/prisma/factories";
import { listSystems, getSystem, systemApprovers } from "@/lib/server/systems";
import {
  suggestPeople,
  suggestRepositories,
  suggestSystems,
  suggestTeams,
  suggestionsQuerySchema,
} from "@/lib/server/suggestions";
import { updateSystem } from "@/lib/server/system-edit";
import { AppError } from "@/lib/errors";
import type { PersonActor } from "@/lib/domain/actor";
import { asSessionUser as asActor } from "@/lib/testing/actors";

let admin: PersonActor;
let junior: PersonActor;
let teamA: { id: string; slug: string };
let teamB: { id: string; slug: string };
const prefix = `zz-int-${Date.now()}`;

beforeAll(async () => {
  admin = asActor(await makeUser(db, { level: "SENIOR", roles: ["ADMIN"] }));
  junior = asActor(await makeUser(db, { level: "JUNIOR" }));
  teamA = await makeTeam(db);
  teamB = await makeTeam(db);
  for (let i = 0; i < 30; i++) {
    await makeSystem(db, {
      slug: `${prefix}-${String(i).padStart(2, "0")}`,
      name: `${prefix} system ${String(i).padStart(2, "0")}`,
      tier: (i % 3) + 1,
      owningTeamId: i % 2 ? teamA.id : teamB.id,
    });
  }
});

describe("listSystems", () => {
  it("pages through every match exactly once with keyset cursors", async () => {
    const seen: string[] = [];
    let after: string | null | undefined;
    let pages = 0;
    do {
      const page = await listSystems({ q: prefix }, { after, limit: 7 });
      expect(page.total).toBe(30);
      seen.push(...page.rows.map((r) => r.slug));
      after = page.nextCursor;
      pages++;
    } while (after);
    expect(pages).toBe(5);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(30);
  });

  it("filters by tier and team, and searches names case-insensitively", async () => {
    const tier1 = await listSystems({ q: prefix.toUpperCase(), tier: 1 }, { limit: 50 });
    expect(tier1.total).toBe(10);
    expect(tier1.rows.every((r) => r.tier === 1)).toBe(true);
    const ofA = await listSystems({ q: prefix, team: teamA.slug }, { limit: 50 });
    expect(ofA.total).toBe(15);
    expect(ofA.rows.every((r) => r.owningTeam.slug === teamA.slug)).toBe(true);
  });
});

describe("systemApprovers", () => {
  it("explains who may approve, from ownership and level", async () => {
    const team = await makeTeam(db);
    const senior = await makeUser(db, { level: "SENIOR", teamId: team.id });
    const mid = await makeUser(db, { level: "MID", teamId: team.id });
    const away = await makeUser(db, {
      level: "PRINCIPAL",
      teamId: team.id,
      outOfOfficeUntil: new Date(Date.now() + 86_400_000),
    });
    const system = await makeSystem(db, { tier: 2, owningTeamId: team.id });
    const extra = await makeUser(db, { level: "SENIOR" });
    await db.systemApprover.create({ data: { systemId: system.id, userId: extra.id } });
    const result = await systemApprovers(system);
    const strict = new Map(result.strict.candidates.map((c) => [c.person.id, c]));
    expect(strict.get(senior.id)?.verdict).toBe("ELIGIBLE");
    expect(strict.get(mid.id)?.reason).toBe("excluded: MID below SENIOR");
    expect(strict.get(away.id)?.verdict).toBe("SKIPPED_OUT_OF_OFFICE");
    expect(strict.get(extra.id)?.reason).toContain("extra approver");
    const relaxed = new Map(result.relaxed.candidates.map((c) => [c.person.id, c]));
    expect(relaxed.get(mid.id)?.verdict).toBe("ELIGIBLE");
  });
});

describe("updateSystem", () => {
  it("lets an admin change tier, owning team and extra approvers", async () => {
    const system = await makeSystem(db, { tier: 3, owningTeamId: teamA.id });
    const person = await makeUser(db, { level: "SENIOR" });
    const result = await updateSystem(admin, system.slug, {
      tier: 1,
      owningTeam: teamB.slug,
      extraApprovers: { users: [`@${person.handle}`], teams: [teamA.slug] },
    });
    expect(result.before).toMatchObject({ tier: 3, owningTeam: teamA.slug });
    expect(result.after).toEqual({
      tier: 1,
      owningTeam: teamB.slug,
      extraApprovers: { users: [person.handle], teams: [teamA.slug] },
    });
    const saved = await getSystem(system.slug);
    expect(saved.tier).toBe(1);
    expect(saved.owningTeam.slug).toBe(teamB.slug);
    expect(saved.extraApprovers).toHaveLength(2);
  });

  it("refuses a junior and changes nothing", async () => {
    const system = await makeSystem(db, { tier: 3 });
    await expect(updateSystem(junior, system.slug, { tier: 1 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await getSystem(system.slug)).tier).toBe(3);
  });

  it.each([
    [{ tier: 5 }, "tier"],
    [{}, "(body)"],
    [{ tier: 1, colour: "red" }, "(body)"],
    [{ owningTeam: "no-such-team-anywhere" }, "owningTeam"],
    [{ extraApprovers: { users: ["nobody.at.all"], teams: [] } }, "extraApprovers.users.0"],
    [{ extraApprovers: { users: [], teams: ["Not A Slug!"] } }, "extraApprovers.teams.0"],
    ["not an object", "(body)"],
  ])("rejects %j naming %s, and saves nothing", async (input, field) => {
    const system = await makeSystem(db, { tier: 2, owningTeamId: teamA.id });
    const error = await updateSystem(admin, system.slug, input).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("VALIDATION");
    expect((error.details as { field: string }[]).map((d) => d.field)).toContain(field);
    const saved = await getSystem(system.slug);
    expect(saved.tier).toBe(2);
    expect(saved.owningTeam.slug).toBe(teamA.slug);
    expect(saved.extraApprovers).toHaveLength(0);
  });

  it("answers 404 for an unknown system", async () => {
    await expect(updateSystem(admin, "no-such-system", { tier: 1 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("suggestions for pickers (GET /api/v1/systems, GET /api/v1/teams)", () => {
  const ask = (raw: Record<string, string>) => suggestSystems(suggestionsQuerySchema.parse(raw));

  it("puts slugs starting with the text first, then names containing it, at most `limit`", async () => {
    const unique = `qq${Date.now()}`;
    await makeSystem(db, { slug: `zz-${unique}-inside`, name: `Contains ${unique}` });
    await makeSystem(db, { slug: `${unique}-first`, name: "Starts with it" });
    await makeSystem(db, { slug: `zz-other-${Date.now()}`, name: `Named ${unique.toUpperCase()}` });
    const { systems } = await ask({ q: unique });
    expect(systems.map((s) => s.slug)[0]).toBe(`${unique}-first`);
    expect(systems).toHaveLength(3);
    expect((await ask({ q: prefix, limit: "5" })).systems).toHaveLength(5);
    const team = await makeTeam(db, { name: `Squad ${unique}` });
    expect((await suggestTeams(suggestionsQuerySchema.parse({ q: unique }))).teams).toEqual([
      { slug: team.slug, name: team.name },
    ]);
  });

  it("suggests active people by handle or name, and repositories by name", async () => {
    const unique = `pp${Date.now()}`;
    const ask = (q: string) => suggestionsQuerySchema.parse({ q });
    const named = await makeUser(db, { handle: `zz.${unique}`, name: `Ada ${unique}` });
    const first = await makeUser(db, { handle: `${unique}.first` });
    await makeUser(db, { handle: `${unique}.gone`, active: false });
    expect((await suggestPeople(ask(unique))).people).toEqual([
      { handle: first.handle, name: first.name },
      { handle: named.handle, name: named.name },
    ]);
    await db.repository.create({ data: { name: `acme/${unique}` } });
    expect(await suggestRepositories(ask(`ACME/${unique}`))).toEqual({
      repositories: [{ name: `acme/${unique}` }],
    });
  });

  it("treats LIKE wildcards as text, and refuses bad input by field", async () => {
    expect((await ask({ q: "%" })).systems.every((s) => `${s.slug}${s.name}`.includes("%"))).toBe(
      true,
    );
    expect(() => suggestionsQuerySchema.parse({ limit: "500" })).toThrow();
    expect(() => suggestionsQuerySchema.parse({ q: "x".repeat(101) })).toThrow();
    expect(() => suggestionsQuerySchema.parse({ other: "1" })).toThrow();
  });
});
