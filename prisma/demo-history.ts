// Six months of demo history on top of the demo organisation, from a fixed seed: changes in every
// state with realistic AI disclosures (and diffs for the ones still open), routed by the real
// policy and eligibility rules, reviewed, deployed or rolled back. Pure: it returns rows;
// prisma/factories.ts writes them. Incidents are added by demo-incidents.ts.
import { Faker, en } from "@faker-js/faker";
import type { Level } from "@/lib/domain/levels";
import { decideRequirements, type PolicyWindow } from "@/lib/domain/policy/engine";
import { evaluateCandidates, type OwnershipVia } from "@/lib/domain/routing/eligibility";
import { assignReviewers, reviewWeight } from "@/lib/domain/routing/assign";
import { rubberStampReasons } from "@/lib/domain/review/rubber-stamp";
import type { AiExtent } from "@/lib/domain/policy/minimum-level";
import type { RiskFlag } from "@/lib/domain/risk/flags";
import { RISK_FLAGS } from "@/lib/domain/risk/flags";
import { DEMO_SEED, type DemoOrganisation } from "./demo-org";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Status =
  | "DRAFT"
  | "PENDING"
  | "CHANGES_REQUESTED"
  | "APPROVED"
  | "DEPLOYED"
  | "ROLLED_BACK"
  | "REJECTED"
  | "WITHDRAWN";

export interface DemoChange {
  id: string;
  number: number;
  key: string;
  authorId: string;
  authorLevel: Level;
  title: string;
  intent: string;
  repositoryId: string;
  prUrl: string | null;
  status: Status;
  currentRevision: number;
  aiExtent: AiExtent;
  aiTools: string[];
  aiSessionUrl: string | null;
  aiWrote: string;
  riskFlags: RiskFlag[];
  detectedRiskFlags: RiskFlag[];
  rollbackPlan: string;
  testEvidence: string;
  emergency: boolean;
  emergencyJustification: string | null;
  submittedAt: Date | null;
  slaDueAt: Date | null;
  linesAdded: number;
  linesRemoved: number;
  filesChanged: number;
  firstReviewAt: Date | null;
  approvedAt: Date | null;
  deployedAt: Date | null;
  rolledBackAt: Date | null;
  closedAt: Date | null;
  slaBreachedAt: Date | null;
  retrospectiveDueAt: Date | null;
  retrospectiveDoneAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DemoHistory {
  changes: DemoChange[];
  systems: { changeId: string; systemId: string; source: "DERIVED" }[];
  revisions: {
    id: string;
    changeId: string;
    number: number;
    diff: string | null;
    paths: string[];
    linesAdded: number;
    linesRemoved: number;
    riskHits: object[];
    createdAt: Date;
  }[];
  requirements: {
    id: string;
    changeId: string;
    systemId: string;
    revision: number;
    approvalsRequired: number;
    minLevel: Level;
    principalRequired: boolean;
    frozen: boolean;
    emergencyApprovals: number | null;
    state: "PENDING" | "SATISFIED" | "UNROUTABLE";
    stateReason: string | null;
    rules: string[];
    windows: string[];
    candidates: object[];
    createdAt: Date;
  }[];
  assignments: {
    id: string;
    changeId: string;
    reviewerId: string;
    reason: string;
    systemIds: string[];
    revision: number;
    weight: number;
    state: "OPEN" | "DONE" | "DISMISSED";
    assignedAt: Date;
    completedAt: Date | null;
  }[];
  reviews: {
    id: string;
    changeId: string;
    revision: number;
    reviewerId: string;
    decision: "APPROVE" | "REQUEST_CHANGES" | "REJECT";
    comment: string;
    attestation: string;
    checklist: RiskFlag[];
    secondsSpent: number;
    filesViewed: string[];
    possibleRubberStamp: boolean;
    rubberStampReasons: string[];
    createdAt: Date;
  }[];
}

const WORK = [
  {
    title: "Retry {x} calls once on timeout",
    intent:
      "Timeouts from {x} at peak fail requests that would succeed a moment later; one jittered retry recovers most of them without hiding real outages.",
  },
  {
    title: "Cache {x} lookups for 60 seconds",
    intent:
      "The {x} lookup runs on every request and is the slowest query on the dashboard; a short cache cuts p95 latency without serving stale data for long.",
  },
  {
    title: "Validate {x} payloads at the boundary",
    intent:
      "Malformed {x} payloads reach the database and fail deep inside; rejecting them at the boundary gives callers a clear 400 instead of a 500.",
  },
  {
    title: "Paginate the {x} export",
    intent:
      "The {x} export loads everything into memory and falls over for the largest customers; keyset pages keep memory flat.",
  },
  {
    title: "Add metrics to {x}",
    intent:
      "We cannot see how often {x} fails; counters and a latency histogram let us alert before customers notice.",
  },
  {
    title: "Remove the legacy {x} fallback",
    intent:
      "The {x} fallback has not been used since the migration and keeps confusing on-call; removing it simplifies the code path.",
  },
  {
    title: "Rate-limit {x} per customer",
    intent:
      "One customer's batch jobs saturate {x} for everyone; a per-customer limit keeps the service fair.",
  },
  {
    title: "Fix rounding in {x} totals",
    intent:
      "Totals in {x} are off by a cent when discounts stack; use integer minor units end to end.",
  },
];
const TOOLS: Record<AiExtent, string[][]> = {
  NONE: [[]],
  ASSISTED: [["GitHub Copilot"], ["Cursor"], ["ChatGPT"]],
  GENERATED: [["Claude"], ["ChatGPT"], ["Cursor"], ["GitHub Copilot Chat"]],
  AGENTIC: [["Claude Code"], ["Cursor agent"], ["Devin"]],
};
const WROTE: Record<AiExtent, string> = {
  NONE: "",
  ASSISTED: "Autocomplete for boilerplate; I wrote the logic.",
  GENERATED: "The new function and its unit tests; I rewrote the error handling.",
  AGENTIC:
    "The agent made the change across the service and its tests from my plan; I reviewed every file.",
};
const ATTESTATIONS = [
  "Read every file, ran the tests locally and checked the retry cannot loop.",
  "Checked the query plan and the rollback; the change is contained to this service.",
  "Reviewed the diff line by line; the error handling covers the timeout path.",
  "Verified the metrics names against our dashboards and the alert thresholds.",
  "Walked through the migration on a copy of production data; rollback tested.",
];
const REQUESTS = [
  "Please add a test for the timeout path.",
  "This needs a feature flag before it goes out.",
  "The retry should be capped; otherwise it can amplify an outage.",
  "Please split the refactor from the behaviour change.",
];
const REJECTIONS = [
  "This duplicates the platform client's retry; use that instead.",
  "Deleting this table loses audit data we must keep for seven years.",
];

function diffFor(path: string, added: string[], removed: string[], start: number): string {
  const before = ["  const started = Date.now();", "  const client = getClient();", "  try {"];
  const after = ["  } finally {", "    metrics.observe(Date.now() - started);", "  }"];
  const oldLines = before.length + removed.length + after.length;
  const newLines = before.length + added.length + after.length;
  return [
    `diff --git a/${path} b/${path}`,
    "index 3f2a9c1..8b7d0e4 100644",
    `--- a/${path}`,
    `+++ b/${path}`,
    `@@ -${start},${oldLines} +${start},${newLines} @@ export async function handle(request: Request) {`,
    ...before.map((l) => ` ${l}`),
    ...removed.map((l) => `-${l}`),
    ...added.map((l) => `+${l}`),
    ...after.map((l) => ` ${l}`),
    "",
  ].join("\n");
}

/** How far back the demo history reaches, in days. */
export const DEMO_HISTORY_DAYS = 180;

export function buildDemoHistory(
  org: DemoOrganisation,
  now = new Date(),
  options: { changes?: number; days?: number } = {},
): DemoHistory {
  const faker = new Faker({ locale: [en] });
  faker.seed(DEMO_SEED + 1);
  const total = options.changes ?? 3000;
  const days = options.days ?? DEMO_HISTORY_DAYS;
  const start = now.getTime() - days * DAY;
  const out: DemoHistory = {
    changes: [],
    systems: [],
    revisions: [],
    requirements: [],
    assignments: [],
    reviews: [],
  };

  const users = new Map(org.users.map((u) => [u.id, u]));
  const teamOf = new Map(org.memberships.map((m) => [m.userId, m.teamId]));
  const engineers = org.users.filter((u) => u.roles.length === 0);
  const authors = engineers.filter(
    (u) => u.level === "JUNIOR" || u.level === "MID" || faker.number.float() < 0.3,
  );
  const membersOf = new Map<string, string[]>();
  for (const m of org.memberships)
    membersOf.set(m.teamId, [...(membersOf.get(m.teamId) ?? []), m.userId]);
  const teamSlug = new Map(org.teams.map((t) => [t.id, t.slug]));
  const repoOf = new Map(
    org.systemRepositories
      .filter((r) => !r.repositoryId.startsWith("demo-repo-mono"))
      .map((r) => [r.systemId, r.repositoryId]),
  );
  const systemsOfTeam = new Map<string, typeof org.systems>();
  for (const s of org.systems)
    systemsOfTeam.set(s.owningTeamId, [...(systemsOfTeam.get(s.owningTeamId) ?? []), s]);
  const windows: PolicyWindow[] = org.windows.map((w) => ({ ...w }));
  const resetStart = windows[0]?.startsAt.getTime() ?? now.getTime();
  const load = new Map<
    string,
    { openReviews: number; openLoad: number; lastAssignedAt: Date | null }
  >();

  const owners = (system: (typeof org.systems)[number]) => {
    const byPerson = new Map<string, OwnershipVia[]>();
    for (const id of membersOf.get(system.owningTeamId) ?? [])
      byPerson.set(id, [{ kind: "team", team: teamSlug.get(system.owningTeamId)! }]);
    for (const a of org.extraApprovers.filter((x) => x.systemId === system.id)) {
      if (a.userId)
        byPerson.set(a.userId, [...(byPerson.get(a.userId) ?? []), { kind: "extra-user" }]);
      for (const id of a.teamId ? (membersOf.get(a.teamId) ?? []) : [])
        byPerson.set(id, [
          ...(byPerson.get(id) ?? []),
          { kind: "extra-team", team: teamSlug.get(a.teamId!)! },
        ]);
    }
    return [...byPerson.entries()].map(([id, via]) => {
      const u = users.get(id)!;
      const l = load.get(id) ?? { openReviews: 0, openLoad: 0, lastAssignedAt: null };
      return {
        person: {
          id,
          name: u.name,
          handle: u.handle,
          level: u.level,
          active: true,
          outOfOfficeUntil: u.outOfOfficeUntil,
          ...l,
        },
        via,
      };
    });
  };

  for (let n = 1; n <= total; n++) {
    const id = `demo-cr-${String(n).padStart(5, "0")}`;
    const key = `CR-${n}`;
    // Spread over the period; the last 10% are the last three days, still moving through review.
    const settled = Math.floor(total * 0.9);
    const recentStart = now.getTime() - 3 * DAY;
    const t =
      n <= settled
        ? start + Math.pow(n / settled, 0.9) * (recentStart - start)
        : recentStart + ((n - settled) / (total - settled)) * (3 * DAY - HOUR);
    const created = new Date(t);
    const recent = n > settled;
    const author = faker.helpers.arrayElement(authors);
    const ownTeam = teamOf.get(author.id)!;
    const candidatesSystems =
      faker.number.float() < 0.7 ? (systemsOfTeam.get(ownTeam) ?? org.systems) : org.systems;
    const system = faker.helpers.arrayElement(candidatesSystems);
    const repositoryId = repoOf.get(system.id)!;
    const junior = author.level === "JUNIOR" || author.level === "MID";
    const aiExtent = faker.helpers.weightedArrayElement<AiExtent>(
      junior
        ? [
            { weight: 20, value: "NONE" },
            { weight: 35, value: "ASSISTED" },
            { weight: 35, value: "GENERATED" },
            { weight: 10, value: "AGENTIC" },
          ]
        : [
            { weight: 40, value: "NONE" },
            { weight: 35, value: "ASSISTED" },
            { weight: 20, value: "GENERATED" },
            { weight: 5, value: "AGENTIC" },
          ],
    );
    const work = faker.helpers.arrayElement(WORK);
    const subject = system.name.toLowerCase();
    const migration = faker.number.float() < 0.08;
    const infra = !migration && faker.number.float() < 0.05;
    const lines = Math.round(
      faker.helpers.weightedArrayElement([
        { weight: 50, value: 20 },
        { weight: 30, value: 120 },
        { weight: 15, value: 350 },
        { weight: 5, value: 900 },
      ]) *
        (0.5 + faker.number.float()),
    );
    const linesAdded = Math.max(1, Math.round(lines * 0.7));
    const linesRemoved = Math.max(0, lines - linesAdded);
    const base = system.slug.replace(/-/g, "_");
    const paths = [
      `src/${base}/handler.ts`,
      `src/${base}/handler.test.ts`,
      ...(migration ? [`db/migrations/${String(n).padStart(4, "0")}_${base}.sql`] : []),
      ...(infra ? [`deploy/terraform/${base}.tf`] : []),
    ];
    const riskFlags: RiskFlag[] = RISK_FLAGS.filter(
      (f) =>
        (migration && (f === "DATA_MIGRATION" || (n % 3 === 0 && f === "DATA_DELETION"))) ||
        (infra && f === "INFRASTRUCTURE"),
    );
    const emergency = faker.number.float() < 0.02;

    const decision = decideRequirements(
      {
        authorLevel: author.level,
        aiExtent,
        riskFlags,
        linesChanged: lines,
        filesChanged: paths.length,
        emergency,
      },
      [{ id: system.id, slug: system.slug, tier: system.tier }],
      windows,
      created,
    ).requirements[0]!;
    const candidates = evaluateCandidates(owners(system), {
      minLevel: decision.minLevel,
      authorId: author.id,
      now: created,
    });
    const [outcome] = assignReviewers(
      [
        {
          key: system.id,
          approvalsRequired: decision.approvalsRequired,
          principalRequired: decision.principalRequired,
          candidates,
        },
      ],
      { changeLines: lines, now: created },
    );
    const assigned = outcome!.assigned.map((a) => a.personId);

    // How it ended. AI-heavy junior work was reworked more before the safety reset.
    const beforeReset = t < resetStart;
    const roll = faker.number.float();
    let status: Status;
    if (recent)
      status = faker.helpers.weightedArrayElement<Status>([
        { weight: 8, value: "DRAFT" },
        { weight: 45, value: "PENDING" },
        { weight: 15, value: "CHANGES_REQUESTED" },
        { weight: 15, value: "APPROVED" },
        { weight: 12, value: "DEPLOYED" },
        { weight: 5, value: "WITHDRAWN" },
      ]);
    else if (roll < 0.04) status = "REJECTED";
    else if (roll < 0.08) status = "WITHDRAWN";
    else status = "DEPLOYED";
    if (outcome!.state === "UNROUTABLE" && status !== "DRAFT") status = "PENDING";
    const submitted = status === "DRAFT" ? null : created;
    const slaHours = decision.tier === 1 ? 4 : decision.tier === 2 ? 8 : 24;
    const firstReviewDelay =
      Math.min(
        72,
        faker.number.float({ min: 0.3, max: 1.5 }) *
          slaHours *
          (faker.number.float() < 0.12 ? 2.5 : 1),
      ) * HOUR;
    const reviewed =
      submitted && !["DRAFT", "PENDING"].includes(status)
        ? new Date(Math.min(t + firstReviewDelay, now.getTime() - HOUR))
        : null;
    const approvedAt =
      reviewed && ["APPROVED", "DEPLOYED"].includes(status)
        ? new Date(
            Math.min(
              reviewed.getTime() + faker.number.float({ min: 0.2, max: 6 }) * HOUR,
              now.getTime() - 30 * 60_000,
            ),
          )
        : null;
    const deployedAt =
      approvedAt && status === "DEPLOYED"
        ? new Date(
            Math.min(
              approvedAt.getTime() + faker.number.float({ min: 0.5, max: 20 }) * HOUR,
              now.getTime() - 10 * 60_000,
            ),
          )
        : null;
    const withDiff = recent;
    const removedCode = ["  const result = await client.call(request);", "  return result;"];
    const addedCode =
      aiExtent === "NONE"
        ? ["  const result = await client.call(request, { timeoutMs: 2000 });", "  return result;"]
        : [
            "  const result = await withRetry(() => client.call(request), { attempts: 2, jitterMs: 250 });",
            '  if (!result.ok) logger.warn({ status: result.status }, "upstream failed");',
            "  return result;",
          ];
    const diff = withDiff
      ? [
          diffFor(paths[0]!, addedCode, removedCode, 12),
          diffFor(
            paths[1]!,
            [
              '  it("retries once on timeout", async () => {',
              "    expect(await handle(timeoutOnce())).toEqual(ok);",
              "  });",
            ],
            [],
            40,
          ),
          ...(migration
            ? [
                `diff --git a/${paths[2]} b/${paths[2]}\nnew file mode 100644\nindex 0000000..5d1e2f3\n--- /dev/null\n+++ b/${paths[2]}\n@@ -0,0 +1,3 @@\n+-- ${work.title.replace("{x}", subject)}\n+ALTER TABLE ${base} ADD COLUMN retried_at timestamptz;\n+${n % 3 === 0 ? `DROP TABLE ${base}_legacy;` : `CREATE INDEX ON ${base} (retried_at);`}\n`,
              ]
            : []),
          ...(infra
            ? [
                `diff --git a/${paths[paths.length - 1]} b/${paths[paths.length - 1]}\nindex 1a2b3c4..5d6e7f8 100644\n--- a/${paths[paths.length - 1]}\n+++ b/${paths[paths.length - 1]}\n@@ -1,3 +1,3 @@\n resource "aws_instance" "${base}" {\n-  instance_type = "m5.large"\n+  instance_type = "m5.xlarge"\n }\n`,
              ]
            : []),
        ].join("")
      : null;
    const reworked =
      status === "DEPLOYED" &&
      junior &&
      aiExtent !== "NONE" &&
      faker.number.float() < (beforeReset ? 0.35 : 0.15);
    const revision = reworked ? 2 : 1;

    out.changes.push({
      id,
      number: n,
      key,
      authorId: author.id,
      authorLevel: author.level,
      title: work.title.replace("{x}", subject),
      intent: work.intent.replaceAll("{x}", subject),
      repositoryId,
      prUrl:
        faker.number.float() < 0.6
          ? `https://github.com/acme/${system.slug}/pull/${100 + n}`
          : null,
      status,
      currentRevision: revision,
      aiExtent,
      aiTools: faker.helpers.arrayElement(TOOLS[aiExtent]),
      aiSessionUrl:
        aiExtent === "AGENTIC" || (aiExtent === "GENERATED" && faker.number.float() < 0.5)
          ? `https://ai-logs.acme.example/sessions/${faker.string.alphanumeric(10)}`
          : null,
      aiWrote: WROTE[aiExtent],
      riskFlags,
      detectedRiskFlags: withDiff ? riskFlags : [],
      rollbackPlan: riskFlags.length
        ? "Revert the commit; the migration has a tested down step and the flag defaults off."
        : faker.number.float() < 0.5
          ? "Revert the commit."
          : "",
      testEvidence: faker.helpers.arrayElement([
        "CI green; new unit tests for the timeout path.",
        "Load-tested on staging at 2x peak.",
        "Unit tests and a manual run on staging.",
        "",
      ]),
      emergency,
      emergencyJustification: emergency
        ? "Customers cannot complete checkout; this restores the previous timeout."
        : null,
      submittedAt: submitted,
      slaDueAt: submitted ? new Date(t + slaHours * HOUR) : null,
      linesAdded,
      linesRemoved,
      filesChanged: paths.length,
      firstReviewAt: reviewed,
      approvedAt,
      deployedAt,
      rolledBackAt: null,
      closedAt: ["REJECTED", "WITHDRAWN"].includes(status)
        ? (reviewed ?? new Date(t + 2 * HOUR))
        : null,
      slaBreachedAt:
        submitted && (reviewed ? reviewed.getTime() : now.getTime()) > t + slaHours * HOUR
          ? new Date(t + slaHours * HOUR)
          : null,
      retrospectiveDueAt: null,
      retrospectiveDoneAt: null,
      createdAt: created,
      updatedAt: deployedAt ?? approvedAt ?? reviewed ?? created,
    });
    out.systems.push({ changeId: id, systemId: system.id, source: "DERIVED" });
    for (let r = 1; r <= revision; r++) {
      out.revisions.push({
        id: `${id}-r${r}`,
        changeId: id,
        number: r,
        diff: r === revision ? diff : null,
        paths,
        linesAdded,
        linesRemoved,
        riskHits: [],
        createdAt: new Date(t + (r - 1) * 6 * HOUR),
      });
    }
    if (status === "DRAFT") continue;

    const approvers =
      assigned.length >= decision.approvalsRequired
        ? assigned.slice(0, decision.approvalsRequired)
        : assigned;
    const approvedAll = ["APPROVED", "DEPLOYED"].includes(status);
    out.requirements.push({
      id: `${id}-req`,
      changeId: id,
      systemId: system.id,
      revision,
      approvalsRequired: decision.approvalsRequired,
      minLevel: decision.minLevel,
      principalRequired: decision.principalRequired,
      frozen: false,
      emergencyApprovals: decision.emergency?.approvals ?? null,
      state: outcome!.state === "UNROUTABLE" ? "UNROUTABLE" : approvedAll ? "SATISFIED" : "PENDING",
      stateReason: outcome!.reason,
      rules: decision.rules,
      windows: decision.windows,
      candidates: candidates.map((c) => ({
        personId: c.person.id,
        name: c.person.name,
        handle: c.person.handle,
        level: c.person.level,
        verdict: c.verdict,
        reason: c.reason,
        openReviews: c.person.openReviews ?? 0,
      })),
      createdAt: created,
    });
    const open = ["PENDING", "CHANGES_REQUESTED"].includes(status);
    const weight = reviewWeight(lines);
    for (const reviewerId of assigned) {
      out.assignments.push({
        id: `${id}-a-${reviewerId}`,
        changeId: id,
        reviewerId,
        reason: outcome!.assigned.find((a) => a.personId === reviewerId)!.reason,
        systemIds: [system.id],
        revision,
        weight,
        state: open ? "OPEN" : approvedAll ? "DONE" : "DISMISSED",
        assignedAt: created,
        completedAt: open ? null : (reviewed ?? created),
      });
      const l = load.get(reviewerId) ?? { openReviews: 0, openLoad: 0, lastAssignedAt: null };
      load.set(
        reviewerId,
        open
          ? {
              openReviews: l.openReviews + 1,
              openLoad: l.openLoad + weight,
              lastAssignedAt: created,
            }
          : { ...l, lastAssignedAt: created },
      );
    }

    const review = (
      reviewerId: string,
      rev: number,
      decisionKind: "APPROVE" | "REQUEST_CHANGES" | "REJECT",
      at: Date,
    ) => {
      const careless = faker.number.float() < (lines > 300 ? 0.18 : 0.06);
      const seconds = careless
        ? faker.number.int({ min: 8, max: 40 })
        : Math.round(60 + lines * faker.number.float({ min: 0.8, max: 3 }));
      const viewedFiles = careless ? paths.slice(0, 1) : paths;
      const reasons =
        decisionKind === "APPROVE"
          ? rubberStampReasons({
              linesChanged: lines,
              files: paths.length,
              filesViewed: viewedFiles.length,
              secondsSpent: seconds,
            })
          : [];
      out.reviews.push({
        id: `${id}-rv-${rev}-${reviewerId}`,
        changeId: id,
        revision: rev,
        reviewerId,
        decision: decisionKind,
        comment:
          decisionKind === "REQUEST_CHANGES"
            ? faker.helpers.arrayElement(REQUESTS)
            : decisionKind === "REJECT"
              ? faker.helpers.arrayElement(REJECTIONS)
              : "",
        attestation: decisionKind === "APPROVE" ? faker.helpers.arrayElement(ATTESTATIONS) : "",
        checklist: decisionKind === "APPROVE" ? riskFlags : [],
        secondsSpent: seconds,
        filesViewed: viewedFiles,
        possibleRubberStamp: reasons.length > 0,
        rubberStampReasons: reasons,
        createdAt: at,
      });
    };
    if (!reviewed || approvers.length === 0) continue;
    if (reworked && approvers[0]) review(approvers[0], 1, "REQUEST_CHANGES", reviewed);
    if (status === "CHANGES_REQUESTED")
      review(approvers[0]!, revision, "REQUEST_CHANGES", reviewed);
    if (status === "REJECTED") review(approvers[0]!, revision, "REJECT", reviewed);
    if (approvedAll)
      approvers.forEach((reviewerId, i) =>
        review(
          reviewerId,
          revision,
          "APPROVE",
          new Date(
            Math.min(
              (approvedAt ?? reviewed).getTime() - (approvers.length - 1 - i) * 10 * 60_000,
              (approvedAt ?? reviewed).getTime(),
            ),
          ),
        ),
      );
  }
  deriveReviewTimes(out, now);
  return out;
}

/**
 * The changes' review timings from their seeded reviews, so the demo's time-to-first-review and
 * SLA-breach figures describe the reviews it shows: the first review is the earliest one, a change
 * nobody reviewed has none, and the SLA is breached when that review, or the change's close (or
 * now) without one, came after the due time.
 */
function deriveReviewTimes(out: DemoHistory, now: Date) {
  const first = new Map<string, Date>();
  for (const r of out.reviews) {
    const seen = first.get(r.changeId);
    if (!seen || r.createdAt < seen) first.set(r.changeId, r.createdAt);
  }
  for (const change of out.changes) {
    const reviewed = first.get(change.id) ?? null;
    change.firstReviewAt = reviewed;
    const due = change.slaDueAt;
    const answered = reviewed ?? change.closedAt ?? now;
    change.slaBreachedAt = due && answered > due ? due : null;
  }
}
