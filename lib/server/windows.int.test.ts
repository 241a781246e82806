import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeRepository, makeSystem, makeTeam, makeUser } from "@/prisma/factories";
import { asSessionUser } from "@/lib/testing/actors";
import { saveWindow } from "./windows";
import { previewRouting } from "./routing/preview";

describe("policy and freeze windows", () => {
  it("an admin adds a freeze; routing then marks covered systems frozen; ending it lifts that", async () => {
    const admin = asSessionUser(await makeUser(db, { level: "SENIOR", roles: ["ADMIN"] }));
    const team = await makeTeam(db);
    await makeUser(db, { level: "SENIOR", teamId: team.id });
    const system = await makeSystem(db, { tier: 3, owningTeamId: team.id });
    const repo = await makeRepository(db, {
      rules: [{ pattern: "*", systemId: system.id, teamIds: [team.id] }],
    });
    const start = new Date(Date.now() - 60_000).toISOString();
    const { id } = await saveWindow(admin, {
      name: "Holiday freeze",
      kind: "FREEZE",
      startsAt: start,
      endsAt: "2099-01-01T00:00",
      systems: [system.slug],
    });
    const author = asSessionUser(await makeUser(db, { level: "MID" }));
    const frozen = await previewRouting(author, {
      repository: repo.name,
      paths: ["a.ts"],
      aiExtent: "NONE",
      linesChanged: 1,
    });
    expect(frozen.requirements[0]!.frozen).toBe(true);
    expect(frozen.warnings.join(" ")).toMatch(/Freeze in effect/);

    await saveWindow(
      admin,
      {
        name: "Holiday freeze",
        kind: "FREEZE",
        startsAt: start,
        endsAt: new Date().toISOString(),
        systems: [system.slug],
      },
      id,
    );
    const thawed = await previewRouting(author, {
      repository: repo.name,
      paths: ["a.ts"],
      aiExtent: "NONE",
      linesChanged: 1,
    });
    expect(thawed.requirements[0]!.frozen).toBe(false);
    const events = await db.auditEvent.findMany({
      where: { subjectId: id },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual(["policy.window_saved", "policy.window_saved"]);
    expect((events[1]!.payload as { before: { endsAt: string } }).before.endsAt).toBe(
      "2099-01-01T00:00:00.000Z",
    );
  });

  it.each([
    [
      {
        name: "x",
        kind: "POLICY",
        startsAt: "2026-01-01T00:00",
        endsAt: "2026-02-01T00:00",
        minApprovals: 2,
      },
      "name",
    ],
    [
      {
        name: "Reset",
        kind: "POLICY",
        startsAt: "2026-03-01T00:00",
        endsAt: "2026-02-01T00:00",
        minApprovals: 2,
      },
      "endsAt",
    ],
    [
      {
        name: "Reset",
        kind: "POLICY",
        startsAt: "tomorrow",
        endsAt: "2026-02-01T00:00",
        minApprovals: 2,
      },
      "startsAt",
    ],
    [
      { name: "Reset", kind: "POLICY", startsAt: "2026-01-01T00:00", endsAt: "2026-02-01T00:00" },
      "minApprovals",
    ],
    [
      {
        name: "Reset",
        kind: "POLICY",
        startsAt: "2026-01-01T00:00",
        endsAt: "2026-02-01T00:00",
        minApprovals: 2,
        systems: ["no-such-system"],
      },
      "systems",
    ],
    [
      { name: "Reset", kind: "LOCKDOWN", startsAt: "2026-01-01T00:00", endsAt: "2026-02-01T00:00" },
      "kind",
    ],
  ])("refuses %j naming %s", async (input, field) => {
    const admin = asSessionUser(await makeUser(db, { level: "SENIOR", roles: ["ADMIN"] }));
    const before = await db.policyWindow.count();
    const error = await saveWindow(admin, input).catch((e) => e);
    expect(error.code).toBe("VALIDATION");
    expect((error.details as { field: string }[]).map((d) => d.field)).toContain(field);
    expect(await db.policyWindow.count()).toBe(before);
  });

  it("refuses anyone but an admin", async () => {
    const senior = asSessionUser(await makeUser(db, { level: "PRINCIPAL" }));
    await expect(
      saveWindow(senior, {
        name: "Mine",
        kind: "FREEZE",
        startsAt: "2026-01-01T00:00",
        endsAt: "2026-02-01T00:00",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
