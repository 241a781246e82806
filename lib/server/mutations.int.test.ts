// Every mutating entry point writes exactly one audit event, in its own transaction. The table
// below is the list; lib/server/mutations.test.ts fails when a use case calling mutate() or
// record() is missing from it.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createDb } from "@/lib/db";
import { makeSystem, makeUser } from "@/prisma/factories";
import { asSessionUser } from "@/lib/testing/actors";
import { createTestDatabase } from "@/lib/testing/test-database";
import { updateSystem } from "@/lib/server/system-edit";
import { recordSignIn, recordSignOut } from "@/lib/server/auth-events";
import { recordExport } from "@/lib/server/audit/export";
import { seedDemoIfEmpty } from "@/prisma/seed-demo";
import { saveChange } from "@/lib/server/changes/save";
import { saveWindow } from "@/lib/server/windows";
import { markFileViewed, openForReview, reviewChange } from "@/lib/server/changes/review";
import {
  deployChange,
  recordDeployment,
  reviseChange,
  rollBackChange,
  withdrawChange,
} from "@/lib/server/changes/transitions";
import { escalate } from "@/lib/server/sla";
import { createToken, revokeToken } from "@/lib/server/tokens";
import { markRead, saveMailSettings } from "@/lib/server/notifications";
import { importCodeowners } from "@/lib/server/imports/codeowners";
import { importCatalog } from "@/lib/server/imports/catalog";
import { systemActor } from "@/lib/domain/actor";
import { rebuildMetricFacts } from "@/lib/server/metrics/maintenance";
import { makeRepository, makeTeam } from "@/prisma/factories";
import {
  addIncidentNote,
  linkChange,
  recordIncident,
  unlinkChange,
  updateIncident,
} from "@/lib/server/incidents/incidents";

import {
  createConnection,
  mapRepository,
  mapService,
  redeliver,
  updateConnection,
} from "@/lib/server/integrations/connections";
import { receiveDelivery } from "@/lib/server/integrations/deliveries";
import { syncPullRequest } from "@/lib/server/integrations/pull-requests";
import { createEndpoint, redeliverOutbound } from "@/lib/server/integrations/outbound";
import { recordToolIncident } from "@/lib/server/incidents/from-tools";
import { replyToThread, setThreadResolved, startThread } from "@/lib/server/changes/threads";
import { attachTranscript } from "@/lib/server/changes/transcripts";
import { decideSecondLook, requestSecondLook } from "@/lib/server/changes/second-look";

process.env.INTEGRATIONS_KEY ??= "integration-tests-key-0123456789";

interface EntryPoint {
  name: string;
  action: string;
  run: () => Promise<unknown>;
  /** The same entry point given bad input: it must write nothing at all. */
  fail?: () => Promise<unknown>;
}

async function admin() {
  return asSessionUser(await makeUser(db, { level: "SENIOR", roles: ["ADMIN"] }));
}

async function author() {
  return asSessionUser(await makeUser(db, { level: "JUNIOR" }));
}

async function changeBody(submit: boolean) {
  const team = await makeTeam(db);
  await makeUser(db, { level: "SENIOR", teamId: team.id });
  const system = await makeSystem(db, { tier: 3, owningTeamId: team.id });
  const repo = await makeRepository(db, {
    rules: [{ pattern: "*", systemId: system.id, teamIds: [team.id] }],
  });
  return {
    submit,
    title: "A change for the registry",
    intent: "Exercises the mutation registry end to end.",
    repository: repo.name,
    aiExtent: "NONE",
    paths: ["a.ts"],
    linesChanged: 3,
  };
}

/** A submitted tier-3 change with one SENIOR owner: the pieces the review entry points need. */
async function submitted() {
  const team = await makeTeam(db, {
    managerId: (await makeUser(db, { level: "SENIOR", roles: ["MANAGER"] })).id,
  });
  const reviewer = asSessionUser(await makeUser(db, { level: "SENIOR", teamId: team.id }));
  const system = await makeSystem(db, { tier: 3, owningTeamId: team.id });
  const repo = await makeRepository(db, {
    rules: [{ pattern: "*", systemId: system.id, teamIds: [team.id] }],
  });
  const writer = await author();
  const { key } = await saveChange(writer, {
    submit: true,
    title: "Registry review change",
    intent: "Exercises the review entry points of the registry.",
    repository: repo.name,
    aiExtent: "NONE",
    paths: ["a.ts"],
    linesChanged: 3,
  });
  return { key, reviewer, writer };
}

const approval = {
  revision: 1,
  decision: "APPROVE",
  attestation: "Read it all and ran the tests myself.",
  secondsSpent: 300,
};

async function approved() {
  const s = await submitted();
  await reviewChange(s.reviewer, s.key, approval);
  return s;
}

/** An approved change whose team has a second senior, and a manager who asks them for a second look. */
async function secondLookWorld() {
  const s = await approved();
  const change = await db.changeRequest.findUniqueOrThrow({
    where: { key: s.key },
    select: { systems: { select: { system: { select: { owningTeamId: true } } } } },
  });
  const teamId = change.systems[0]!.system.owningTeamId;
  const other = asSessionUser(await makeUser(db, { level: "SENIOR", teamId }));
  const boss = await manager();
  return { ...s, other, boss };
}

/** A thread on a submitted change, written directly so the stage records no comment event. */
async function thread() {
  const s = await submitted();
  const change = await db.changeRequest.findUniqueOrThrow({ where: { key: s.key } });
  const { id } = await db.reviewThread.create({
    data: {
      changeId: change.id,
      revision: 1,
      authorId: s.reviewer.id,
      comments: { create: { authorId: s.reviewer.id, body: "A question.", revision: 1 } },
    },
  });
  return { ...s, threadId: id };
}

async function manager() {
  return asSessionUser(await makeUser(db, { level: "MID", roles: ["MANAGER"] }));
}

/** An open incident on a fresh system, and a change deployed to that system an hour before. */
async function incident() {
  const s = await approved();
  await deployChange(s.writer, s.key);
  const change = await db.changeRequest.findUniqueOrThrow({
    where: { key: s.key },
    include: { systems: { include: { system: true } } },
  });
  const m = await manager();
  const { key } = await recordIncident(m, {
    title: "Registry incident",
    severity: "SEV3",
    startedAt: new Date(Date.now() - 60_000).toISOString(),
    detectedAt: new Date(Date.now() - 30_000).toISOString(),
    systems: [change.systems[0]!.system.slug],
  });
  return { key, change: s.key, manager: m };
}

async function connection(kind: "GITHUB" | "PAGERDUTY") {
  const a = await admin();
  const { id } = await createConnection(a, {
    kind,
    name: `registry-${kind}-${Date.now()}-${Math.random()}`,
    secret: "registry-secret-0123456789",
    ...(kind === "GITHUB" ? { token: "t" } : {}),
  });
  return { admin: a, id };
}

/** A code host that answers one pull request (the remote service only; the portal is real). */
async function pullRequestWorld() {
  const c = await connection("GITHUB");
  const body = await changeBody(true);
  await mapRepository(c.admin, c.id, {
    externalName: "acme/registry",
    repository: body.repository,
  });
  const host = {
    pullRequest: async () => ({
      number: 1,
      url: "https://github.example/acme/registry/pull/1",
      title: "A change from a pull request",
      body: "## Why\nExercises the registry from a pull request.\n\n## AI disclosure\n- [x] No AI wrote any of this change\n",
      state: "open" as const,
      draft: false,
      headSha: "abc1234",
      baseRef: "main",
      headRef: "x",
      authorLogin: `someone-${Date.now()}`,
      diff: null,
      files: [{ path: "a.ts", oldPath: null, additions: 3, deletions: 0 }],
      commits: [],
    }),
    postStatus: async () => {},
  };
  return { connection: { id: c.id, kind: "GITHUB" as const, name: "registry" }, host };
}

export const ENTRY_POINTS: EntryPoint[] = [
  {
    name: "saveMailSettings",
    action: "notifications.settings_saved",
    run: async () => saveMailSettings(await author(), { mailMuted: ["COMMENTED"] }),
    fail: async () => saveMailSettings(await author(), { mailMuted: ["NOT_A_KIND"] }),
  },
  {
    name: "startThread",
    action: "comment.added",
    run: async () => {
      const s = await submitted();
      return startThread(s.reviewer, s.key, { revision: 1, body: "Why this way?" });
    },
    fail: async () => {
      const s = await submitted();
      return startThread(s.reviewer, s.key, { revision: 1, path: "a.ts", startLine: 1, body: "x" });
    },
  },
  {
    name: "replyToThread",
    action: "comment.added",
    run: async () => {
      const t = await thread();
      return replyToThread(t.writer, t.key, t.threadId, { body: "Because." });
    },
    fail: async () => {
      const t = await thread();
      return replyToThread(t.writer, t.key, t.threadId, { body: "" });
    },
  },
  {
    name: "setThreadResolved",
    action: "thread.resolved",
    run: async () => {
      const t = await thread();
      return setThreadResolved(t.writer, t.key, t.threadId, { resolved: true });
    },
    fail: async () => {
      const t = await thread();
      return setThreadResolved(t.writer, t.key, t.threadId, { resolved: "yes" });
    },
  },
  {
    name: "attachTranscript",
    action: "transcript.attached",
    run: async () => {
      const s = await submitted();
      return attachTranscript(s.writer, s.key, {
        fileName: "chat.md",
        content: "## User\nhi\n## Assistant\nhello",
      });
    },
    fail: async () => {
      const s = await submitted();
      return attachTranscript(s.writer, s.key, { fileName: "chat.md", content: "" });
    },
  },
  {
    name: "requestSecondLook",
    action: "second_look.assigned",
    run: async () => {
      const s = await secondLookWorld();
      return requestSecondLook(s.boss, s.key);
    },
    fail: async () => {
      const s = await submitted();
      return requestSecondLook(await manager(), s.key);
    },
  },
  {
    name: "decideSecondLook",
    action: "second_look.decided",
    run: async () => {
      const s = await secondLookWorld();
      await requestSecondLook(s.boss, s.key);
      return decideSecondLook(s.other, s.key, { verdict: "AGREE" });
    },
    fail: async () => {
      const s = await secondLookWorld();
      await requestSecondLook(s.boss, s.key);
      return decideSecondLook(s.other, s.key, { verdict: "CONCERN", comment: "" });
    },
  },
  {
    name: "reviewChange",
    action: "review.submitted",
    run: async () => {
      const s = await submitted();
      return reviewChange(s.reviewer, s.key, approval);
    },
    fail: async () => {
      const s = await submitted();
      return reviewChange(s.reviewer, s.key, { ...approval, attestation: "" });
    },
  },
  {
    name: "markFileViewed",
    action: "review.file_viewed",
    run: async () => {
      const s = await submitted();
      return markFileViewed(s.reviewer, s.key, { revision: 1, path: "a.ts", viewed: true });
    },
    fail: async () => {
      const s = await submitted();
      return markFileViewed(s.reviewer, s.key, { revision: 1, path: "nope.ts", viewed: true });
    },
  },
  {
    name: "openForReview",
    action: "review.opened",
    run: async () => {
      const s = await submitted();
      return openForReview(s.reviewer, s.key);
    },
  },
  {
    name: "withdrawChange",
    action: "change.withdrawn",
    run: async () => {
      const s = await submitted();
      return withdrawChange(s.writer, s.key);
    },
    fail: async () => {
      const s = await submitted();
      return withdrawChange(s.reviewer, s.key);
    },
  },
  {
    name: "reviseChange",
    action: "change.revised",
    run: async () => {
      const s = await submitted();
      return reviseChange(s.writer, s.key, { paths: ["a.ts", "b.ts"], linesChanged: 9 });
    },
    fail: async () => {
      const s = await submitted();
      return reviseChange(s.writer, s.key, { diff: "not a diff" });
    },
  },
  {
    name: "deployChange",
    action: "change.deployed",
    run: async () => {
      const s = await approved();
      return deployChange(s.writer, s.key);
    },
    fail: async () => {
      const s = await submitted();
      return deployChange(s.writer, s.key);
    },
  },
  {
    name: "rollBackChange",
    action: "change.rolled_back",
    run: async () => {
      const s = await approved();
      await deployChange(s.writer, s.key);
      return rollBackChange(s.writer, s.key, { reason: "Errors went up after the deploy." });
    },
    fail: async () => {
      const s = await approved();
      return rollBackChange(s.writer, s.key, { reason: "Not even deployed yet." });
    },
  },
  {
    name: "recordDeployment",
    action: "change.deployment_recorded",
    run: async () => {
      const s = await approved();
      await recordDeployment(s.writer, s.key, { environment: "staging", commit: "3f9a2c1" });
      return recordDeployment(s.writer, s.key, { environment: "production", commit: "3f9a2c1" });
    },
    fail: async () => {
      const s = await approved();
      await deployChange(s.writer, s.key);
      return recordDeployment(s.writer, s.key, { environment: "Not an environment!" });
    },
  },
  {
    name: "createToken",
    action: "token.created",
    run: async () =>
      createToken(await author(), { name: `registry-${Date.now()}`, scopes: ["changes:read"] }),
    fail: async () =>
      createToken(await author(), { name: `registry-${Date.now()}`, scopes: ["audit:read"] }),
  },
  {
    name: "revokeToken",
    action: "token.revoked",
    run: async () => {
      const owner = await author();
      const { token } = await createToken(owner, {
        name: `registry-revoke-${Date.now()}`,
        scopes: ["gate:read"],
      });
      return revokeToken(owner, token.name);
    },
    fail: async () => revokeToken(await author(), "no-such-token"),
  },
  {
    name: "escalate",
    action: "change.sla_breached",
    run: async () => {
      const s = await submitted();
      await db.changeRequest.update({
        where: { key: s.key },
        data: { slaDueAt: new Date(Date.now() - 1000) },
      });
      return escalate(s.key);
    },
  },
  {
    name: "markRead",
    action: "notifications.read",
    run: async () => {
      const s = await submitted();
      return markRead(s.reviewer, {});
    },
    fail: async () => markRead(await author(), { ids: "all of them" }),
  },
  {
    name: "updateSystem",
    action: "system.updated",
    run: async () => updateSystem(await admin(), (await makeSystem(db)).slug, { tier: 1 }),
    fail: async () => updateSystem(await admin(), (await makeSystem(db)).slug, { tier: 7 }),
  },
  {
    name: "saveChange",
    action: "change.submitted",
    run: async () => saveChange(await author(), await changeBody(true)),
    fail: async () => saveChange(await author(), { ...(await changeBody(true)), intent: "" }),
  },
  {
    name: "saveChange (draft)",
    action: "change.draft_saved",
    run: async () => saveChange(await author(), await changeBody(false)),
  },
  {
    name: "importCodeowners",
    action: "import.codeowners",
    run: async () =>
      importCodeowners(systemActor("test"), {
        repository: `acme/reg-${Date.now()}`,
        text: "* @someone\n",
      }),
    fail: async () =>
      importCodeowners(systemActor("test"), { repository: "not a repo", text: "* @someone\n" }),
  },
  {
    name: "importCatalog",
    action: "import.catalog",
    run: async () =>
      importCatalog(systemActor("test"), `kind: Group\nmetadata: { name: reg-${Date.now()} }\n`),
    fail: async () => importCatalog(systemActor("test"), "kind: [broken"),
  },
  {
    name: "saveWindow",
    action: "policy.window_saved",
    run: async () =>
      saveWindow(await admin(), {
        name: "Registry window",
        kind: "FREEZE",
        startsAt: "2026-01-01T00:00",
        endsAt: "2026-01-02T00:00",
      }),
    fail: async () =>
      saveWindow(await admin(), {
        name: "Registry window",
        kind: "FREEZE",
        startsAt: "2026-01-03T00:00",
        endsAt: "2026-01-02T00:00",
      }),
  },
  {
    name: "recordIncident",
    action: "incident.recorded",
    run: async () => incident(),
    fail: async () =>
      recordIncident(await manager(), {
        title: "Registry incident",
        severity: "SEV3",
        startedAt: "2026-01-02T00:00",
        detectedAt: "2026-01-01T00:00",
        systems: [(await makeSystem(db)).slug],
      }),
  },
  {
    name: "updateIncident",
    action: "incident.updated",
    run: async () => {
      const i = await incident();
      return updateIncident(i.manager, i.key, { severity: "SEV2" });
    },
    fail: async () => {
      const i = await incident();
      return updateIncident(i.manager, i.key, { status: "RESOLVED" });
    },
  },
  {
    name: "addIncidentNote",
    action: "incident.note_added",
    run: async () => {
      const i = await incident();
      return addIncidentNote(i.manager, i.key, { text: "Rolled back; errors back to baseline." });
    },
    fail: async () => {
      const i = await incident();
      return addIncidentNote(i.manager, i.key, { text: "" });
    },
  },
  {
    name: "linkChange",
    action: "incident.change_linked",
    run: async () => {
      const i = await incident();
      return linkChange(i.manager, i.key, { change: i.change, kind: "CAUSE" });
    },
    fail: async () => {
      const i = await incident();
      return linkChange(i.manager, i.key, { change: i.change, kind: "BLAME" });
    },
  },
  {
    name: "unlinkChange",
    action: "incident.change_unlinked",
    run: async () => {
      const i = await incident();
      await linkChange(i.manager, i.key, { change: i.change, kind: "SUSPECT" });
      return unlinkChange(i.manager, i.key, i.change);
    },
    fail: async () => {
      const i = await incident();
      return unlinkChange(i.manager, i.key, "not-a-change");
    },
  },
  {
    name: "recordSignIn",
    action: "auth.signed_in",
    run: async () => recordSignIn((await makeUser(db)).id, "demo"),
  },
  {
    name: "recordSignOut",
    action: "auth.signed_out",
    run: async () => recordSignOut((await makeUser(db)).id),
  },
  {
    name: "recordExport",
    action: "audit.exported",
    run: async () => recordExport(await admin(), "csv", "ui", {}),
  },
  {
    name: "createConnection",
    action: "integration.created",
    run: () => connection("GITHUB"),
    fail: async () =>
      createConnection(await admin(), { kind: "GITHUB", name: "x", secret: "short" }),
  },
  {
    name: "updateConnection",
    action: "integration.updated",
    run: async () => {
      const c = await connection("GITHUB");
      return updateConnection(c.admin, c.id, { active: false });
    },
    fail: async () => {
      const c = await connection("GITHUB");
      return updateConnection(c.admin, c.id, { baseUrl: "ftp://x" });
    },
  },
  {
    name: "mapRepository",
    action: "integration.repository_mapped",
    run: async () => {
      const c = await connection("GITHUB");
      const repo = await makeRepository(db);
      return mapRepository(c.admin, c.id, { externalName: "acme/shop", repository: repo.name });
    },
    fail: async () => {
      const c = await connection("GITHUB");
      return mapRepository(c.admin, c.id, { externalName: "acme/shop", repository: "no/such" });
    },
  },
  {
    name: "mapService",
    action: "integration.service_mapped",
    run: async () => {
      const c = await connection("PAGERDUTY");
      const system = await makeSystem(db);
      return mapService(c.admin, c.id, { externalId: "PABC123", system: system.slug });
    },
    fail: async () => {
      const c = await connection("PAGERDUTY");
      return mapService(c.admin, c.id, { externalId: "PABC123", system: "no-such-system" });
    },
  },
  {
    name: "redeliver",
    action: "integration.redelivered",
    run: async () => {
      const c = await connection("GITHUB");
      const loaded = (await db.integration.findUniqueOrThrow({ where: { id: c.id } })) as never;
      const { id } = await receiveDelivery(loaded, `d-${Date.now()}`, "ping", {});
      return redeliver(c.admin, id!);
    },
    fail: async () => redeliver(await admin(), "no-such-delivery"),
  },
  {
    name: "createEndpoint",
    action: "integration.endpoint_created",
    run: async () =>
      createEndpoint(await admin(), {
        kind: "WEBHOOK",
        name: `registry-hook-${Date.now()}`,
        url: "https://hooks.example/x",
        secret: "registry-secret-0123456789",
      }),
    fail: async () => createEndpoint(await admin(), { kind: "WEBHOOK", name: "x", url: "nope" }),
  },
  {
    name: "redeliverOutbound",
    action: "integration.redelivered",
    run: async () => {
      const a = await admin();
      const { id } = await createEndpoint(a, {
        kind: "WEBHOOK",
        name: `registry-redeliver-${Date.now()}`,
        url: "https://hooks.example/x",
        secret: "registry-secret-0123456789",
        events: ["integration.service_mapped"],
      });
      const c = await connection("PAGERDUTY");
      await mapService(c.admin, c.id, { externalId: "PRED1", system: (await makeSystem(db)).slug });
      const delivery = await db.outboundDelivery.findFirstOrThrow({ where: { endpointId: id } });
      return redeliverOutbound(a, delivery.id);
    },
    fail: async () => redeliverOutbound(await admin(), "no-such-delivery"),
  },
  {
    name: "syncPullRequest",
    action: "change.submitted",
    run: async () => {
      const w = await pullRequestWorld();
      return syncPullRequest(systemActor("registry"), w.connection, w.host, {
        repository: "acme/registry",
        number: 1,
      });
    },
  },
  {
    name: "recordToolIncident",
    action: "incident.recorded",
    run: async () => {
      const c = await connection("PAGERDUTY");
      const system = await makeSystem(db);
      await mapService(c.admin, c.id, { externalId: "PREG1", system: system.slug });
      return recordToolIncident(
        systemActor("registry"),
        { id: c.id, kind: "PAGERDUTY", name: "registry" },
        {
          eventId: "e1",
          type: "triggered",
          externalId: `Q${Date.now()}`,
          title: "Registry incident from a tool",
          serviceId: "PREG1",
          severity: "SEV3",
          url: null,
          startedAt: new Date(Date.now() - 60_000),
          occurredAt: new Date(),
        },
      );
    },
  },
  {
    name: "rebuildMetricFacts",
    action: "metrics.rebuilt",
    run: async () => rebuildMetricFacts(systemActor("test")),
  },
];

async function lastEvents(since: bigint) {
  return db.auditEvent.findMany({ where: { seq: { gt: since } }, orderBy: { seq: "asc" } });
}

async function tail(): Promise<bigint> {
  return (
    (await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } }))?.seq ??
    BigInt(0)
  );
}

describe("every mutating entry point writes exactly one audit event", () => {
  it.each(ENTRY_POINTS.map((e) => [e.name, e] as const))("%s", async (_name, entry) => {
    // An entry point may need others to set the stage (submit before review); factories write no
    // events. The entry point's own event is the last one, and the only one of its kind.
    const before = await tail();
    await entry.run();
    const events = await lastEvents(before);
    expect(events.filter((e) => e.action === entry.action)).toHaveLength(1);
    expect(events.at(-1)?.action).toBe(entry.action);
    if (entry.fail) {
      const start = await tail();
      await expect(entry.fail()).rejects.toThrow();
      expect((await lastEvents(start)).filter((e) => e.action === entry.action)).toEqual([]);
    }
  });

  it("seedDemoIfEmpty: one summary event for the whole import", async () => {
    const database = await createTestDatabase("seed-audit");
    const other = createDb(database.url, 2);
    try {
      await seedDemoIfEmpty(other);
      const events = await other.auditEvent.findMany();
      expect(events.map((e) => e.action)).toEqual(["demo.seeded"]);
      expect(events[0]!.payload).toMatchObject({ counts: { people: 446, systems: 1000 } });
    } finally {
      await other.$disconnect();
      await database.dispose();
    }
  });
});
