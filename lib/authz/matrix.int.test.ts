// The authorization matrix (issue 12): every entry point that writes, times every kind of actor,
// with the outcome each cell must have. A cell runs what the entry point runs: the permission its
// route declares (read from the route file, as withAuth enforces it), then the same use case with
// the same arguments, on a fresh subject so that one cell's write cannot decide the next one's.
// It fails when a writing route handler or page has no row, or a row misses an actor kind.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { can } from "@/lib/authz/can";
import { isPermission } from "@/lib/authz/permissions";
import type { PersonActor } from "@/lib/domain/actor";
import { AppError } from "@/lib/errors";
import { makeSystem } from "@/prisma/factories";
import { ownershipWorld, PERSON_KINDS, type OwnershipWorld } from "@/lib/testing/ownership-world";
import { projectSources } from "@/lib/testing/sources";
import { approval } from "@/lib/testing/changes";
import { saveChange } from "@/lib/server/changes/save";
import { markFileViewed, openForReview, reviewChange } from "@/lib/server/changes/review";
import {
  deployChange,
  recordDeployment,
  reviseChange,
  withdrawChange,
} from "@/lib/server/changes/transitions";
import { createToken, revokeToken } from "@/lib/server/tokens";
import {
  createConnection,
  mapRepository,
  mapService,
  redeliver,
  updateConnection,
} from "@/lib/server/integrations/connections";
import { createEndpoint, redeliverOutbound } from "@/lib/server/integrations/outbound";
import { getChange } from "@/lib/server/changes/queries";
import { previewRouting } from "@/lib/server/routing/preview";
import {
  addIncidentNote,
  linkChange,
  recordIncident,
  unlinkChange,
  updateIncident,
} from "@/lib/server/incidents/incidents";
import { updateSystem } from "@/lib/server/system-edit";
import { saveWindow } from "@/lib/server/windows";
import { markRead, saveMailSettings } from "@/lib/server/notifications";
import { replyToThread, setThreadResolved, startThread } from "@/lib/server/changes/threads";
import { attachTranscript } from "@/lib/server/changes/transcripts";
import { decideSecondLook, requestSecondLook } from "@/lib/server/changes/second-look";

/** Nobody signed in, then one of each kind of person (lib/testing/ownership-world.ts). */
export const ACTOR_KINDS = ["anonymous", ...PERSON_KINDS] as const;
type Kind = (typeof ACTOR_KINDS)[number];
type Outcome = "ok" | 401 | 403 | 404 | 409;

let w: OwnershipWorld;

// ---- subjects: each cell gets its own ----------------------------------------------------------

const changeBody = (submit: boolean) => ({
  submit,
  title: "Retry card authorisation on timeout",
  intent: "Timeouts at peak fail checkouts; one jittered retry recovers most of them.",
  repository: w.repo,
  aiExtent: "GENERATED",
  aiTools: ["Claude Code"],
  aiWrote: "The retry helper.",
  paths: ["src/app.ts"],
  linesChanged: 40,
  coAuthors: [w.people.coAuthor.handle],
});
const pending = async () => (await saveChange(w.people.author, changeBody(true))).key;
const draft = async () => (await saveChange(w.people.author, changeBody(false))).key;
const approved = async () => {
  const key = await pending();
  await openForReview(w.people.seniorOwner, key, { now: new Date(Date.now() - 600_000) });
  await reviewChange(w.people.seniorOwner, key, approval());
  return key;
};
const deployed = async () => {
  const key = await approved();
  await deployChange(w.people.author, key);
  return key;
};
const incident = async () =>
  (
    await recordIncident(w.people.manager, {
      title: "Checkout errors",
      severity: "SEV3",
      startedAt: new Date(Date.now() - 60_000).toISOString(),
      detectedAt: new Date(Date.now() - 30_000).toISOString(),
      systems: [w.system.slug],
    })
  ).key;
const linked = async () => {
  const [key, change] = [await incident(), await deployed()];
  await linkChange(w.people.manager, key, { change, kind: "SUSPECT" });
  return { key, change };
};

// ---- the matrix -----------------------------------------------------------------------------

interface Row {
  /** `METHOD route-file` for a route handler, `PAGE page-file` for a page that writes. */
  entry: string;
  run: (actor: PersonActor) => Promise<unknown>;
  expect: Record<Kind, Outcome>;
}

/** Everyone signed in gets `signedIn`; the named kinds get their own outcome. */
const cells = (signedIn: Outcome, except: Partial<Record<Kind, Outcome>> = {}) =>
  Object.fromEntries(
    ACTOR_KINDS.map((k) => [k, k === "anonymous" ? 401 : (except[k] ?? signedIn)]),
  ) as Record<Kind, Outcome>;

// Out of office: never auto-assigned, but may still sign.
const SIGNERS = {
  seniorOwner: "ok",
  principal: "ok",
  codeownerOfPath: "ok",
  outOfOffice: "ok",
} as const;
const AUTHORS = { author: "ok", coAuthor: "ok" } as const;
const INCIDENT_WRITERS = cells("ok", { junior: 403, midOwner: 403, author: 403 });
const ADMIN_ONLY = cells(403, { admin: "ok" });

process.env.INTEGRATIONS_KEY ??= "integration-tests-key-0123456789";
const connection = async (kind: "GITHUB" | "PAGERDUTY" = "GITHUB") =>
  (
    await createConnection(w.people.admin, {
      kind,
      name: `matrix-${kind}-${Date.now()}-${Math.random()}`,
      secret: "matrix-secret-0123456789",
      ...(kind === "GITHUB" ? { token: "t" } : {}),
    })
  ).id;

const thread = async () => {
  const key = await pending();
  const { threadId } = await startThread(w.people.seniorOwner, key, {
    revision: 1,
    body: "Why a retry here?",
  });
  return { key, threadId };
};

const ROWS: Row[] = [
  {
    entry: "PUT app/api/v1/notifications/settings/route.ts",
    run: (a) => saveMailSettings(a, { mailMuted: ["SLA_BREACH"] }),
    expect: cells("ok"),
  },
  {
    entry: "POST app/api/v1/changes/[key]/threads/route.ts",
    run: async (a) => startThread(a, await pending(), { revision: 1, body: "A question." }),
    expect: cells("ok"),
  },
  {
    // A draft has no conversation yet; to everyone else it does not exist.
    entry: "POST app/api/v1/changes/[key]/threads/route.ts (a draft)",
    run: async (a) => startThread(a, await draft(), { revision: 1, body: "A question." }),
    expect: cells(404, { author: 409, coAuthor: 409, admin: 409 }),
  },
  {
    entry: "POST app/api/v1/changes/[key]/threads/[id]/comments/route.ts",
    run: async (a) => {
      const t = await thread();
      return replyToThread(a, t.key, t.threadId, { body: "An answer." });
    },
    expect: cells("ok"),
  },
  {
    // The thread's starter (seniorOwner), the change's authors and its eligible reviewers.
    entry: "PATCH app/api/v1/changes/[key]/threads/[id]/route.ts",
    run: async (a) => {
      const t = await thread();
      return setThreadResolved(a, t.key, t.threadId, { resolved: true });
    },
    expect: cells(403, { ...SIGNERS, ...AUTHORS }),
  },
  {
    entry: "POST app/api/v1/changes/[key]/transcripts/route.ts",
    run: async (a) =>
      attachTranscript(a, await pending(), {
        fileName: "chat.md",
        content: "## User\nAdd a retry\n## Assistant\nDone.",
      }),
    expect: cells(403, AUTHORS),
  },
  {
    entry: "POST app/api/v1/changes/[key]/second-looks/route.ts",
    run: async (a) => requestSecondLook(a, await approved()),
    expect: cells(403, { manager: "ok", admin: "ok" }),
  },
  {
    // Only the senior the second look was given to (here, the principal) gives its verdict.
    entry: "POST app/api/v1/changes/[key]/second-looks/verdict/route.ts",
    run: async (a) => {
      const key = await approved();
      const { id } = await requestSecondLook(w.people.manager, key);
      await db.secondLook.update({ where: { id }, data: { reviewerId: w.people.principal.id } });
      return decideSecondLook(a, key, { verdict: "AGREE" });
    },
    expect: cells(403, { principal: "ok" }),
  },
  {
    entry: "POST app/api/v1/integrations/route.ts",
    run: (a) =>
      createConnection(a, {
        kind: "PAGERDUTY",
        name: `matrix-${a.handle}-${Date.now()}`,
        secret: "matrix-secret-0123456789",
      }),
    expect: ADMIN_ONLY,
  },
  {
    entry: "PATCH app/api/v1/integrations/[id]/route.ts",
    run: async (a) => updateConnection(a, await connection(), { active: true }),
    expect: ADMIN_ONLY,
  },
  {
    entry: "POST app/api/v1/integrations/[id]/repositories/route.ts",
    run: async (a) =>
      mapRepository(a, await connection(), { externalName: "acme/matrix", repository: w.repo }),
    expect: ADMIN_ONLY,
  },
  {
    entry: "POST app/api/v1/integrations/[id]/services/route.ts",
    run: async (a) =>
      mapService(a, await connection("PAGERDUTY"), {
        externalId: "PMATRIX",
        system: w.system.slug,
      }),
    expect: ADMIN_ONLY,
  },
  {
    entry: "POST app/api/v1/integrations/endpoints/route.ts",
    run: (a) =>
      createEndpoint(a, {
        kind: "WEBHOOK",
        name: `matrix-hook-${a.handle}-${Date.now()}`,
        url: "https://hooks.example/countersign",
        secret: "matrix-secret-0123456789",
        events: ["incident.recorded"],
      }),
    expect: ADMIN_ONLY,
  },
  {
    entry: "POST app/api/v1/integrations/endpoints/deliveries/[id]/route.ts",
    run: (a) => redeliverOutbound(a, "no-such-delivery"),
    expect: cells(403, { admin: 404 }),
  },
  {
    // A delivery that does not exist: the admin reaches the use case (404), nobody else does.
    entry: "POST app/api/v1/integrations/deliveries/[id]/route.ts",
    run: (a) => redeliver(a, "no-such-delivery"),
    expect: cells(403, { admin: 404 }),
  },
  {
    entry: "POST app/api/v1/changes/route.ts",
    run: (a) => saveChange(a, { ...changeBody(true), coAuthors: [] }),
    expect: cells("ok"),
  },
  {
    entry: "POST app/api/v1/routing/preview/route.ts",
    run: (a) =>
      previewRouting(a, {
        repository: w.repo,
        paths: ["src/app.ts"],
        linesChanged: 10,
        aiExtent: "GENERATED",
      }),
    expect: cells("ok"),
  },
  {
    entry: "POST app/api/v1/changes/[key]/reviews/route.ts",
    run: async (a) => reviewChange(a, await pending(), approval()),
    expect: cells(403, SIGNERS),
  },
  {
    entry: "PUT app/api/v1/changes/[key]/views/route.ts",
    run: async (a) =>
      markFileViewed(a, await pending(), { revision: 1, path: "src/app.ts", viewed: true }),
    expect: cells(403, SIGNERS),
  },
  {
    entry: "POST app/api/v1/changes/[key]/revisions/route.ts",
    run: async (a) => reviseChange(a, await pending(), { paths: ["src/app.ts"], linesChanged: 50 }),
    expect: cells(403, AUTHORS),
  },
  {
    entry: "POST app/api/v1/changes/[key]/withdraw/route.ts",
    run: async (a) => withdrawChange(a, await pending()),
    expect: cells(403, AUTHORS),
  },
  {
    entry: "POST app/api/v1/changes/[key]/deployments/route.ts",
    run: async (a) =>
      recordDeployment(a, await approved(), { environment: "production", commit: "3f9a2c1" }),
    // The authors, or an admin (whose token a deploy pipeline may use).
    expect: cells(403, { ...AUTHORS, admin: "ok" }),
  },
  {
    entry: "POST app/api/v1/changes/[key]/deployments/route.ts (a rollback)",
    run: async (a) =>
      recordDeployment(a, await deployed(), {
        kind: "rolled_back",
        environment: "production",
        reason: "Errors doubled after deploy.",
      }),
    expect: cells(403, { ...AUTHORS, admin: "ok" }),
  },
  {
    entry: "POST app/api/v1/tokens/route.ts",
    run: (a) => createToken(a, { name: `matrix-${a.handle}-${Date.now()}`, scopes: ["gate:read"] }),
    expect: cells("ok"),
  },
  {
    entry: "POST app/api/v1/tokens/route.ts (for someone else)",
    run: (a) =>
      createToken(a, {
        name: `matrix-for-${a.handle}-${Date.now()}`,
        owner: w.people.junior.email,
        scopes: ["gate:read"],
      }),
    expect: cells(403, { junior: "ok", admin: "ok" }),
  },
  {
    entry: "DELETE app/api/v1/tokens/[id]/route.ts",
    run: async (a) => {
      const { token } = await createToken(w.people.junior, {
        name: `matrix-revoke-${a.handle}-${Date.now()}`,
        scopes: ["gate:read"],
      });
      return revokeToken(a, token.id);
    },
    // Someone else's token is not there for you: the same 404 as a token that does not exist.
    expect: cells(404, { junior: "ok", admin: "ok" }),
  },
  {
    // Someone's draft is hidden: the same 404 as a change that does not exist.
    entry: "POST app/api/v1/changes/[key]/reviews/route.ts (a draft)",
    run: async (a) => reviewChange(a, await draft(), approval()),
    expect: cells(404, { author: 403, coAuthor: 403, admin: 403 }),
  },
  {
    entry: "PUT app/api/v1/changes/[key]/views/route.ts (a draft)",
    run: async (a) =>
      markFileViewed(a, await draft(), { revision: 1, path: "src/app.ts", viewed: true }),
    expect: cells(404, { author: 403, coAuthor: 403, admin: 403 }),
  },
  {
    entry: "PAGE app/(portal)/changes/[key]/page.tsx",
    run: async (a) => {
      const change = await getChange(a, await pending());
      return openForReview(a, change.key);
    },
    expect: cells("ok"),
  },
  {
    entry: "PAGE app/(portal)/changes/[key]/page.tsx (a draft)",
    run: async (a) => getChange(a, await draft()),
    expect: cells(404, { author: "ok", coAuthor: "ok", admin: "ok" }),
  },
  {
    entry: "POST app/api/v1/incidents/route.ts",
    run: (a) =>
      recordIncident(a, {
        title: "Checkout errors",
        severity: "SEV3",
        startedAt: new Date(Date.now() - 60_000).toISOString(),
        detectedAt: new Date(Date.now() - 30_000).toISOString(),
        systems: [w.system.slug],
      }),
    expect: INCIDENT_WRITERS,
  },
  {
    entry: "PATCH app/api/v1/incidents/[key]/route.ts",
    run: async (a) => updateIncident(a, await incident(), { severity: "SEV2" }),
    expect: INCIDENT_WRITERS,
  },
  {
    entry: "POST app/api/v1/incidents/[key]/notes/route.ts",
    run: async (a) =>
      addIncidentNote(a, await incident(), { text: "Rolled back; errors at baseline." }),
    expect: INCIDENT_WRITERS,
  },
  {
    entry: "POST app/api/v1/incidents/[key]/links/route.ts",
    run: async (a) => linkChange(a, await incident(), { change: await deployed(), kind: "CAUSE" }),
    expect: INCIDENT_WRITERS,
  },
  {
    entry: "DELETE app/api/v1/incidents/[key]/links/[change]/route.ts",
    run: async (a) => {
      const { key, change } = await linked();
      return unlinkChange(a, key, change);
    },
    expect: INCIDENT_WRITERS,
  },
  {
    entry: "PATCH app/api/v1/systems/[slug]/route.ts",
    run: async (a) => updateSystem(a, (await makeSystem(db)).slug, { tier: 1 }),
    expect: ADMIN_ONLY,
  },
  {
    entry: "POST app/api/v1/policy-windows/route.ts",
    run: (a) =>
      saveWindow(a, {
        name: "Matrix freeze",
        kind: "FREEZE",
        startsAt: "2026-01-01T00:00",
        endsAt: "2026-01-02T00:00",
      }),
    expect: ADMIN_ONLY,
  },
  {
    entry: "PUT app/api/v1/policy-windows/[id]/route.ts",
    run: async (a) => {
      const body = {
        name: "Matrix freeze",
        kind: "FREEZE",
        startsAt: "2026-01-01T00:00",
        endsAt: "2026-01-02T00:00",
      };
      const { id } = (await saveWindow(w.people.admin, body)) as { id: string };
      return saveWindow(a, { ...body, name: "Matrix freeze, longer" }, id);
    },
    expect: ADMIN_ONLY,
  },
  {
    entry: "POST app/api/v1/notifications/read/route.ts",
    run: (a) => markRead(a, {}),
    expect: cells("ok"),
  },
];

// ---- the entry points the matrix must cover --------------------------------------------------

const appFiles = projectSources(["app"]);
const WRITING_ROUTES = appFiles
  .filter((f) => f.endsWith("/route.ts") && !f.includes("[...nextauth]"))
  .flatMap((f) =>
    // methodNotAllowed and noSuchRoute (lib/auth/guards.ts) answer an error and reach no use case.
    [
      ...readFileSync(f, "utf8").matchAll(
        // webhookReceiver is signed by a code host or incident tool, never a person
        // (lib/auth/webhook-receivers.int.test.ts).
        /export const (POST|PUT|PATCH|DELETE) = (?!methodNotAllowed\b|noSuchRoute\b|webhookReceiver\b)/g,
      ),
    ].map((m) => `${m[1]} ${f}`),
  );
/** Pages that write (through a use case that records, such as opening a change for review). */
const WRITING_PAGES = appFiles
  .filter((f) => f.endsWith("/page.tsx") && /\bopenForReview\(/.test(readFileSync(f, "utf8")))
  .map((f) => `PAGE ${f}`);

/** The permission the route file declares for the method, as withAuth enforces it. */
function declaredPermission(entry: string): string | null {
  const [method, file] = entry.split(" ") as [string, string];
  if (method === "PAGE")
    return readFileSync(file, "utf8").match(/requirePage\("([a-z]+:[a-z-]+)"/)![1]!;
  const source = readFileSync(file, "utf8");
  const at = source.indexOf(`export const ${method} =`);
  const declared = source.slice(at).match(/permission: "([a-z]+:[a-z-]+)"/);
  return declared ? declared[1]! : null;
}

async function outcome(row: Row, kind: Kind): Promise<Outcome> {
  if (kind === "anonymous") return 401; // withAuth / requirePage: no session, no call
  const actor = w.people[kind];
  const permission = declaredPermission(row.entry.replace(/ \(.*\)$/, ""));
  if (!permission || !isPermission(permission)) throw new Error(`${row.entry}: no permission`);
  if (!can(actor, permission)) return 403;
  try {
    await row.run(actor);
    return "ok";
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const status = { FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 }[error.code as string];
    if (!status) throw error;
    return status as Outcome;
  }
}

beforeAll(async () => {
  w = await ownershipWorld(2);
});

describe("the authorization matrix", () => {
  it("has a row for every writing route handler and page", () => {
    expect(WRITING_ROUTES.length).toBeGreaterThan(10);
    const covered = new Set(ROWS.map((r) => r.entry.replace(/ \(.*\)$/, "")));
    expect([...WRITING_ROUTES, ...WRITING_PAGES].filter((e) => !covered.has(e))).toEqual([]);
  });

  it("every row names every kind of actor", () => {
    for (const row of ROWS) expect(Object.keys(row.expect).sort()).toEqual([...ACTOR_KINDS].sort());
  });

  it.each(ROWS.map((r) => [r.entry, r] as const))("%s", async (_entry, row) => {
    const got: Partial<Record<Kind, Outcome>> = {};
    for (const kind of ACTOR_KINDS) got[kind] = await outcome(row, kind);
    expect(got).toEqual(row.expect);
  });
});
