import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeRepository, makeSystem, makeTeam, makeUser } from "@/prisma/factories";
import { asSessionUser } from "@/lib/testing/actors";
import { saveChange } from "@/lib/server/changes/save";
import { reviewChange } from "@/lib/server/changes/review";
import { deployChange } from "@/lib/server/changes/transitions";
import { linkChange, recordIncident, unlinkChange, updateIncident } from "./incidents";
import { getIncident, incidentsOfChange, listIncidents, suspectChanges } from "./queries";

const HOUR = 3_600_000;

/** A system with a SENIOR owner, and a helper that gets a change deployed to it `hoursAgo`. */
async function stage() {
  const team = await makeTeam(db);
  const reviewer = asSessionUser(await makeUser(db, { level: "SENIOR", teamId: team.id }));
  const system = await makeSystem(db, { tier: 3, owningTeamId: team.id });
  const repo = await makeRepository(db, {
    rules: [{ pattern: "*", systemId: system.id, teamIds: [team.id] }],
  });
  const writer = asSessionUser(await makeUser(db, { level: "JUNIOR" }));
  // `facts` are written onto the deployed change directly: the ranking reads them, and routing a
  // risky change here would need more reviewers than the test is about.
  const deployed = async (
    title: string,
    hoursAgo: number,
    facts: {
      aiExtent?: "AGENTIC";
      linesAdded?: number;
      riskFlags?: ("DATA_MIGRATION" | "PERMISSIONS")[];
    } = {},
  ) => {
    const { key } = await saveChange(writer, {
      submit: true,
      title,
      intent: "A change that will be deployed for the incident tests.",
      repository: repo.name,
      aiExtent: "NONE",
      paths: ["a.ts"],
      linesChanged: 5,
    });
    await reviewChange(reviewer, key, {
      revision: 1,
      decision: "APPROVE",
      attestation: "Read every line and ran the tests.",
      secondsSpent: 300,
    });
    await deployChange(writer, key);
    await db.changeRequest.update({
      where: { key },
      data: { deployedAt: new Date(Date.now() - hoursAgo * HOUR), ...facts },
    });
    return key;
  };
  const manager = asSessionUser(await makeUser(db, { level: "MID", roles: ["MANAGER"] }));
  return { team, system, writer, deployed, manager };
}

describe("incidents", () => {
  it("proposes the changes deployed to an affected system in the 24 h before, ranked, and links one as CAUSE", async () => {
    const s = await stage();
    const early = await s.deployed("Early change to the system", 20);
    const close = await s.deployed("Close change to the system", 1.5);
    const risky = await s.deployed("Risky early change", 19, {
      aiExtent: "AGENTIC",
      linesAdded: 1500,
      riskFlags: ["DATA_MIGRATION", "PERMISSIONS"],
    });
    await s.deployed("Too old to suspect", 30);
    const { key } = await recordIncident(s.manager, {
      title: "Checkout errors after deploy",
      severity: "SEV2",
      startedAt: new Date(Date.now() - HOUR).toISOString(),
      detectedAt: new Date(Date.now() - 0.5 * HOUR).toISOString(),
      systems: [s.system.slug],
      customersAffected: 120,
    });
    expect(key).toMatch(/^INC-\d+$/);
    const incident = await getIncident(key);
    const suspects = await suspectChanges(incident.id, incident.startedAt);
    expect(suspects.map((x) => x.key)).toEqual([close, risky, early]);

    await linkChange(s.manager, key, { change: close, kind: "CAUSE" });
    const again = await suspectChanges(incident.id, incident.startedAt);
    expect(again[0]).toMatchObject({ key: close, linkedAs: "CAUSE" });
    const change = await db.changeRequest.findUniqueOrThrow({ where: { key: close } });
    expect((await incidentsOfChange(change.id)).map((l) => [l.kind, l.incident.key])).toEqual([
      ["CAUSE", key],
    ]);
    expect(change.causedIncident).toBe(true);
    // Changing the kind is one event; linking the same kind again writes nothing.
    await linkChange(s.manager, key, { change: close, kind: "CONTRIBUTING" });
    expect(
      (await db.changeRequest.findUniqueOrThrow({ where: { key: close } })).causedIncident,
    ).toBe(false);
    const before = await db.auditEvent.count();
    await linkChange(s.manager, key, { change: close, kind: "CONTRIBUTING" });
    expect(await db.auditEvent.count()).toBe(before);
    await unlinkChange(s.manager, key, close);
    expect(await incidentsOfChange(change.id)).toEqual([]);
  });

  it("refuses times out of order, naming the field, and changes nothing", async () => {
    const s = await stage();
    const count = await db.incident.count();
    await expect(
      recordIncident(s.manager, {
        title: "Out of order",
        severity: "SEV3",
        startedAt: "2026-01-02T10:00",
        detectedAt: "2026-01-02T09:00",
        systems: [s.system.slug],
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      details: [{ field: "detectedAt", message: "must not be before startedAt" }],
    });
    await expect(
      recordIncident(s.manager, {
        title: "Unknown system",
        severity: "SEV5",
        startedAt: "2026-01-02T10:00",
        detectedAt: "2026-01-02T10:00",
        systems: ["no-such-system"],
      }),
    ).rejects.toMatchObject({
      details: [{ field: "severity", message: "must be SEV1, SEV2, SEV3 or SEV4" }],
    });
    expect(await db.incident.count()).toBe(count);

    const { key } = await recordIncident(s.manager, {
      title: "Resolvable",
      severity: "SEV4",
      startedAt: "2026-01-02T10:00",
      detectedAt: "2026-01-02T10:05",
      systems: [s.system.slug],
    });
    await expect(
      updateIncident(s.manager, key, { status: "RESOLVED", resolvedAt: "2026-01-02T09:00" }),
    ).rejects.toMatchObject({
      details: [{ field: "resolvedAt", message: "must not be before detectedAt" }],
    });
    await updateIncident(s.manager, key, {
      status: "RESOLVED",
      mitigatedAt: "2026-01-02T11:00",
      resolvedAt: "2026-01-02T12:00",
    });
    expect((await getIncident(key)).status).toBe("RESOLVED");
  });

  it("refuses to link a change that was never deployed, and people without the permission", async () => {
    const s = await stage();
    const { key } = await recordIncident(s.manager, {
      title: "Needs a cause",
      severity: "SEV3",
      startedAt: new Date(Date.now() - HOUR).toISOString(),
      detectedAt: new Date(Date.now() - HOUR).toISOString(),
      systems: [s.system.slug],
    });
    const { key: draft } = await saveChange(s.writer, {
      submit: false,
      title: "Never deployed",
      intent: "Stays a draft.",
      repository: (await db.repository.findFirstOrThrow()).name,
      aiExtent: "NONE",
      paths: ["a.ts"],
      linesChanged: 1,
    });
    await expect(
      linkChange(s.manager, key, { change: draft, kind: "CAUSE" }),
    ).rejects.toMatchObject({
      code: "UNPROCESSABLE",
    });
    await expect(linkChange(s.writer, key, { change: draft, kind: "CAUSE" })).rejects.toMatchObject(
      { code: "FORBIDDEN" },
    );
  });

  it("lists newest first with filters and stable keyset pages", async () => {
    const s = await stage();
    const keys: string[] = [];
    for (let i = 0; i < 5; i++) {
      const at = new Date(Date.now() - (10 - i) * HOUR).toISOString();
      keys.push(
        (
          await recordIncident(s.manager, {
            title: `Listed incident ${i}`,
            severity: i % 2 ? "SEV1" : "SEV4",
            startedAt: at,
            detectedAt: at,
            systems: [s.system.slug],
          })
        ).key,
      );
    }
    const first = await listIncidents({ team: s.team.slug }, 3);
    expect(first.incidents.map((i) => i.key)).toEqual([keys[4], keys[3], keys[2]]);
    const second = await listIncidents({ team: s.team.slug, cursor: first.nextCursor! }, 3);
    expect(second.incidents.map((i) => i.key)).toEqual([keys[1], keys[0]]);
    expect(second.nextCursor).toBeNull();
    const sev1 = await listIncidents({ system: s.system.slug, severity: "SEV1" });
    expect(sev1.incidents.map((i) => i.key)).toEqual([keys[3], keys[1]]);
  });
});
