import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeRepository, makeSystem, makeTeam, makeUser } from "@/prisma/factories";
import { systemActor } from "@/lib/domain/actor";
import { importCodeowners } from "./codeowners";
import { importCatalog } from "./catalog";

const actor = systemActor("test");

describe("import codeowners", () => {
  it("maps teams by slug and people by handle or e-mail, reports the rest, and is idempotent", async () => {
    const team = await makeTeam(db);
    const n = Date.now();
    // GitHub logins have no dots: "@dev-123" finds the person whose handle is "dev.123".
    const person = await makeUser(db, { handle: `dev.${n}` });
    const other = await makeUser(db);
    const system = await makeSystem(db, { owningTeamId: team.id });
    const repo = await makeRepository(db, { systemIds: [system.id] });
    const text = [
      "# Owners",
      `*                @acme/${team.slug}`,
      `/docs/           @dev-${n} ${other.email}`,
      "/vendor/",
      "!generated.js    @x",
      "/legacy/         @acme/ghost-team @nobody",
    ].join("\n");
    const before = await db.auditEvent.count();
    const first = await importCodeowners(actor, { repository: repo.name, text });
    expect(first).toMatchObject({
      rules: 4,
      unchanged: false,
      createdRepository: false,
      mappedToSystems: 1,
    });
    expect(first.problems).toEqual([
      { line: 5, message: "negation (!) is not supported in CODEOWNERS" },
    ]);
    expect(first.unknownOwners).toEqual(["@acme/ghost-team", "@nobody"]);
    const rules = await db.ownershipRule.findMany({
      where: { repositoryId: repo.id },
      orderBy: { position: "asc" },
      include: { owners: true },
    });
    expect(rules.map((r) => r.pattern)).toEqual(["*", "/docs/", "/vendor/", "/legacy/"]);
    expect(rules[0]!.owners).toEqual([expect.objectContaining({ teamId: team.id })]);
    expect(rules[0]!.systemId).toBe(system.id);
    expect(rules[1]!.owners.map((o) => o.userId).sort()).toEqual([person.id, other.id].sort());
    expect(rules[2]!.ownerLabels).toEqual([]);

    const second = await importCodeowners(actor, { repository: repo.name, text });
    expect(second.unchanged).toBe(true);
    const again = await db.ownershipRule.findMany({
      where: { repositoryId: repo.id },
      select: { id: true },
    });
    expect(again.map((r) => r.id).sort()).toEqual(rules.map((r) => r.id).sort());
    const events = await db.auditEvent.findMany({ where: { seq: { gt: BigInt(before) } } });
    expect(events.map((e) => e.action)).toEqual(["import.codeowners", "import.codeowners"]);
  });

  it("creates an unknown repository, and refuses a file without rules", async () => {
    const report = await importCodeowners(actor, {
      repository: `acme/new-${Date.now()}`,
      text: "* @someone\n",
    });
    expect(report.createdRepository).toBe(true);
    await expect(
      importCodeowners(actor, { repository: "acme/x", text: "# only comments\n" }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });
});

const CATALOG = (suffix: string, tier = "1") => `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: guild-${suffix}, title: Guild ${suffix} }
spec: { type: team, profile: { displayName: "Guild ${suffix}" } }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: svc-${suffix}
  title: Service ${suffix}
  annotations: { "github.com/project-slug": "acme/svc-${suffix}", "countersign.io/tier": "${tier}" }
  tags: [customer-facing]
spec: { type: service, owner: "group:default/guild-${suffix}", system: platform }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: orphan-${suffix} }
spec: { owner: group:default/nobody-${suffix} }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: odd-${suffix}, labels: { tier: gold } }
spec: { owner: guild-${suffix} }
`;

describe("import catalog", () => {
  it("creates teams and systems, links repositories, skips what it cannot import, and reports changes", async () => {
    const suffix = String(Date.now());
    const report = await importCatalog(actor, CATALOG(suffix));
    expect(report.teams.created).toEqual([`guild-${suffix}`]);
    expect(report.systems.created).toEqual([`svc-${suffix}`]);
    expect(report.repositoriesLinked).toEqual([`svc-${suffix} → acme/svc-${suffix}`]);
    expect(report.skipped.map((s) => s.entity)).toEqual([
      `Component:orphan-${suffix}`,
      `Component:odd-${suffix}`,
    ]);
    const system = await db.system.findUniqueOrThrow({
      where: { slug: `svc-${suffix}` },
      include: { owningTeam: true },
    });
    expect([system.tier, system.customerFacing, system.owningTeam.slug]).toEqual([
      1,
      true,
      `guild-${suffix}`,
    ]);
    expect(system.description).toContain("Part of the platform system.");

    const again = await importCatalog(actor, CATALOG(suffix));
    expect(again.systems.unchanged).toEqual([`svc-${suffix}`]);
    expect(again.teams.unchanged).toEqual([`guild-${suffix}`]);
    const retiered = await importCatalog(actor, CATALOG(suffix, "tier-2"));
    expect(retiered.systems.updated).toEqual([`svc-${suffix}`]);
    expect((await db.system.findUniqueOrThrow({ where: { slug: `svc-${suffix}` } })).tier).toBe(2);
  });

  it("sets people's GitHub and GitLab logins from User entities, matched by e-mail", async () => {
    const suffix = String(Date.now());
    const person = await makeUser(db, { level: "MID" });
    const users = `apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ana-${suffix}
  annotations: { github.com/user-login: ana-gh-${suffix}, gitlab.com/user-login: ana-gl-${suffix} }
spec: { profile: { email: ${person.email.toUpperCase()} } }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ghost-${suffix}
  annotations: { github.com/user-login: ghost-${suffix} }
spec: { profile: { email: ghost-${suffix}@nowhere.example } }
`;
    const report = await importCatalog(actor, users);
    expect(report.loginsSet).toEqual([
      `${person.email.toUpperCase()} github:ana-gh-${suffix} gitlab:ana-gl-${suffix}`,
    ]);
    expect(report.skipped.map((s) => s.entity)).toEqual([`User:ghost-${suffix}`]);
    expect(await db.user.findUniqueOrThrow({ where: { id: person.id } })).toMatchObject({
      githubLogin: `ana-gh-${suffix}`,
      gitlabUsername: `ana-gl-${suffix}`,
    });
    expect((await importCatalog(actor, users)).loginsSet).toEqual([]);
  });

  it.each([
    ["broken YAML", "kind: [unclosed", /document 1/],
    ["not an entity", "hello: world\n", /not a Backstage entity/],
    ["an empty file", "", /no entities/],
  ])("refuses %s and writes nothing", async (_name, text, message) => {
    const before = await db.auditEvent.count();
    const error = await importCatalog(actor, text).catch((e) => e);
    expect(error.code).toBe("VALIDATION");
    expect(JSON.stringify(error.details)).toMatch(message);
    expect(await db.auditEvent.count()).toBe(before);
  });
});
