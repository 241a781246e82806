// The scale history (`cli seed --scale`, README "Benchmarks"): two years of changes over the scale
// organisation, each with its revisions, requirement, assignments, reviews, incident if it caused
// one, and the audit events the portal would have written for it. Pure and deterministic (a fixed
// seed): it yields one change at a time, so a million changes never sit in memory at once;
// prisma/seed-scale.ts writes them with COPY and chains the events.
import { createHash } from "node:crypto";
import type { AiExtent, Level } from "@/lib/generated/prisma/enums";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const SCALE_SPAN_DAYS = 730;
/** The newest 1% of changes are still open (PENDING or CHANGES_REQUESTED). */
export const OPEN_SHARE = 0.01;
/** One incident for every 18 deployed changes (50,000 at factor 1); one in three names its cause. */
const INCIDENT_EVERY = 18;

export interface Person {
  id: string;
  name: string;
  handle: string;
  level: Level;
}
export interface ScaleSystem {
  id: string;
  slug: string;
  tier: number;
  repositoryId: string;
  repositoryName: string;
  /** SENIOR+ people of the owning team (at least two). */
  reviewers: Person[];
  managerId: string;
}

export interface ScaleEvent {
  at: Date;
  actor: Person | null;
  action: string;
  changeKey: string | null;
  subjectId: string | null;
  payload: unknown;
}

/** A row in COPY column order; JSON columns are already serialised (strings), arrays are PostgreSQL arrays. */
type Row = unknown[];
export interface ScaleChange {
  change: Row;
  system: Row;
  revisions: Row[];
  requirement: Row;
  assignments: Row[];
  reviews: Row[];
  incident: { incident: Row; system: Row; link: Row | null } | null;
  events: ScaleEvent[];
}

// prettier-ignore
/** Column lists, in the order the rows above are built (COPY ... (columns)). */
export const COLUMNS = {
  ChangeRequest: [
    "id", "number", "key", "authorId", "authorLevel", "title", "intent", "repositoryId", "status",
    "currentRevision", "aiExtent", "aiTools", "riskFlags", "detectedRiskFlags", "linesAdded",
    "linesRemoved", "filesChanged", "submittedAt", "slaDueAt", "firstReviewAt", "approvedAt",
    "deployedAt", "rolledBackAt", "closedAt", "slaBreachedAt", "causedIncident", "createdAt", "updatedAt",
  ],
  ChangeSystem: ["changeId", "systemId", "source"],
  Revision: ["id", "changeId", "number", "paths", "linesAdded", "linesRemoved", "riskHits", "commitSha", "createdAt"],
  Requirement: [
    "id", "changeId", "systemId", "revision", "approvalsRequired", "minLevel", "principalRequired",
    "state", "rules", "windows", "candidates", "createdAt",
  ],
  Assignment: [
    "id", "changeId", "reviewerId", "reason", "systemIds", "revision", "weight", "dueAt", "state",
    "assignedAt", "completedAt",
  ],
  Review: [
    "id", "changeId", "revision", "reviewerId", "decision", "attestation", "secondsSpent",
    "filesViewed", "reviewerLevel", "possibleRubberStamp", "rubberStampReasons", "createdAt",
  ],
  Incident: [
    "id", "number", "key", "title", "severity", "status", "startedAt", "detectedAt", "mitigatedAt",
    "resolvedAt", "errors", "lostOrders", "customersAffected", "reportedById", "createdAt", "updatedAt",
  ],
  IncidentSystem: ["incidentId", "systemId"],
  IncidentChange: ["incidentId", "changeId", "kind", "linkedById", "linkedAt"],
} as const;

/** mulberry32: a small, fast, seeded generator (the seed must give every install the same data). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXTENTS: AiExtent[] = ["NONE", "ASSISTED", "GENERATED", "AGENTIC"];
const TOOLS: Record<AiExtent, string[]> = {
  NONE: [],
  ASSISTED: ["GitHub Copilot"],
  GENERATED: ["Claude Code"],
  AGENTIC: ["Claude Code", "Cursor"],
};
const WORK = ["Retry", "Cache", "Validate", "Paginate", "Index", "Log", "Rate-limit", "Rename"];
const AREAS = ["checkout call", "price lookup", "order export", "stock sync", "login", "search"];
const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;

const actorName = (p: Person) => `${p.name} (@${p.handle})`;
export const eventActorName = (p: Person | null) => (p ? actorName(p) : "system:deploy");

export interface HistoryOptions {
  changes: number;
  firstNumber: number;
  firstIncident: number;
  now: Date;
  systems: ScaleSystem[];
  authors: Person[];
}

/** The changes, oldest first. */
export function* scaleHistory(options: HistoryOptions): Generator<ScaleChange> {
  const { changes: n, now, systems, authors } = options;
  const rand = random(20261206);
  const int = (below: number) => Math.floor(rand() * below);
  const start = now.getTime() - SCALE_SPAN_DAYS * DAY;
  const step = (SCALE_SPAN_DAYS * DAY) / n;
  let incidents = 0;
  for (let g = 0; g < n; g++) {
    const number = options.firstNumber + g;
    const id = `sc-cr-${number}`;
    const key = `CR-${number}`;
    const t = start + (g + rand()) * step;
    const open = g >= n * (1 - OPEN_SHARE);
    const system = systems[int(systems.length)]!;
    const author = authors[int(authors.length)]!;
    const [a, b, c] = rotate(system.reviewers, int(system.reviewers.length));
    const extent = EXTENTS[int(4)]!;
    const added = 5 + int(600);
    const removed = int(150);
    const required = system.tier === 1 ? 2 : 1;
    const title = `${WORK[int(WORK.length)]} the ${AREAS[int(AREAS.length)]} (${number})`;
    const sla = t + (system.tier === 1 ? 4 : 8) * HOUR;
    const roll = rand();
    const status = open
      ? roll < 0.85
        ? "PENDING"
        : "CHANGES_REQUESTED"
      : roll < 0.03
        ? "REJECTED"
        : roll < 0.07
          ? "WITHDRAWN"
          : roll < 0.085
            ? "ROLLED_BACK"
            : "DEPLOYED";
    const revisions = status === "PENDING" || status === "REJECTED" || g % 3 === 0 ? 1 : 2;
    // Reviews: [reviewer, revision, decision, minutes after submission].
    const first = 20 + int(open ? 60 : 900);
    const reviews: [Person, number, "APPROVE" | "REQUEST_CHANGES" | "REJECT", number][] = [];
    if (status === "REJECTED") reviews.push([a!, 1, "REJECT", first]);
    else if (status === "CHANGES_REQUESTED" || status === "WITHDRAWN")
      reviews.push([a!, 1, "REQUEST_CHANGES", first]);
    else if (status !== "PENDING") {
      if (revisions === 2) reviews.push([a!, 1, "REQUEST_CHANGES", first]);
      const at = revisions === 2 ? first + 120 + int(600) : first;
      reviews.push([a!, revisions, "APPROVE", at], [b!, revisions, "APPROVE", at + 5 + int(90)]);
      if (revisions === 1 && c) reviews.push([c, 1, "APPROVE", at + 10 + int(120)]);
    }
    const lastReview = reviews.length ? t + reviews[reviews.length - 1]![3] * MINUTE : null;
    const firstReview = reviews.length ? t + first * MINUTE : null;
    const approved = ["DEPLOYED", "ROLLED_BACK"].includes(status) ? lastReview : null;
    const deployed = approved === null ? null : approved + (30 + int(600)) * MINUTE;
    const rolledBack = status === "ROLLED_BACK" ? deployed! + (20 + int(300)) * MINUTE : null;
    const closed =
      status === "REJECTED" ? lastReview : status === "WITHDRAWN" ? lastReview! + 2 * HOUR : null;
    const breached = (firstReview ?? now.getTime()) > sla ? sla : null;
    const causes = deployed !== null && g % INCIDENT_EVERY === 7;
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms));
    const submitted = new Date(t);
    const paths = [`src/${system.slug}/handler.ts`, `src/${system.slug}/handler.test.ts`];

    // prettier-ignore
    const out: ScaleChange = {
      change: [
        id, number, key, author.id, author.level, title, `${title}: see the ticket.`,
        system.repositoryId, status, revisions, extent, TOOLS[extent], [], [], added, removed,
        paths.length, submitted, iso(sla), iso(firstReview), iso(approved), iso(deployed),
        iso(rolledBack), iso(closed), iso(breached), causes && g % 3 === 0, submitted,
        iso(Math.max(t, lastReview ?? t, deployed ?? t, rolledBack ?? t, closed ?? t)),
      ],
      system: [id, system.id, "DERIVED"],
      revisions: Array.from({ length: revisions }, (_, r) => [
        `${id}-r${r + 1}`, id, r + 1, paths, added, removed, "[]", commitOf(number, r + 1),
        r === 0 ? submitted : new Date(t + (first + 60) * MINUTE),
      ]),
      requirement: [
        `${id}-req`, id, system.id, revisions, required, "SENIOR", false,
        approved !== null ? "SATISFIED" : "PENDING", [`${system.repositoryName}:*`],
        system.tier === 1 ? ["Tier-1 safety reset"] : [],
        JSON.stringify([a, b, c].filter((p) => p !== undefined).map((p) => ({
          personId: p!.id, name: p!.name, handle: p!.handle, level: p!.level,
          verdict: "ELIGIBLE", reason: `owns ${system.slug}`, openReviews: 0,
        }))),
        submitted,
      ],
      assignments: [a!, b!].map((p, i) => {
        const done = reviews.find(([r, rev]) => r === p && rev === revisions);
        const state = open && !done ? "OPEN" : done || approved !== null ? "DONE" : "DISMISSED";
        return [
          `${id}-a${i}`, id, p.id, `owns ${system.slug}`, [system.id], revisions,
          1 + (added + removed) / 500, iso(sla), state, submitted,
          state === "OPEN" ? null : iso(done ? t + done[3] * MINUTE : (closed ?? lastReview ?? t)),
        ];
      }),
      reviews: reviews.map(([p, rev, decision, minutes], i) => {
        const seconds = 60 + int(1500);
        const quick = seconds < 120;
        return [
          `${id}-v${i}`, id, rev, p.id, decision, "I read the diff and the tests.", seconds,
          paths, p.level, quick, quick ? ["approved quickly"] : [], new Date(t + minutes * MINUTE),
        ];
      }),
      incident: null,
      events: [],
    };

    // The audit events the portal would have written, in their own time order per change.
    const ev = (at: number, actor: Person | null, action: string, payload: unknown) =>
      out.events.push({ at: new Date(at), actor, action, changeKey: key, subjectId: id, payload });
    out.events.push({
      at: new Date(t - 5 * MINUTE),
      actor: author,
      action: "auth.signed_in",
      changeKey: null,
      subjectId: null,
      payload: { provider: "oidc" },
    });
    ev(t, author, "change.submitted", {
      title,
      repository: system.repositoryName,
      aiExtent: extent,
      riskFlags: [],
      emergency: false,
      systems: [system.slug],
      requirements: [
        {
          system: system.slug,
          approvals: required,
          minLevel: "SENIOR",
          principal: false,
          state: "PENDING",
        },
      ],
      assigned: [`@${a!.handle}`, `@${b!.handle}`],
    });
    for (const [p, rev, decision, minutes] of reviews) {
      const at = t + minutes * MINUTE;
      if (rev === 2 && decision !== "REQUEST_CHANGES" && p === a)
        ev(at - 90 * MINUTE, author, "change.revised", {
          revision: 2,
          from: "CHANGES_REQUESTED",
          dismissedApprovals: 0,
          systems: [system.slug],
          assigned: [],
          kept: [`@${a!.handle}`, `@${b!.handle}`],
        });
      ev(at - 10 * MINUTE, p, "review.opened", { revision: rev });
      ev(at, p, "review.submitted", {
        revision: rev,
        decision,
        status,
        possibleRubberStamp: false,
        rubberStampReasons: [],
        secondsSpent: 600,
        assigned: [],
        kept: [],
      });
    }
    if (deployed !== null)
      ev(deployed, null, "change.deployed", { emergency: false, retrospectiveDueAt: null });

    if (causes) {
      incidents++;
      const inc = options.firstIncident + incidents - 1;
      const started = deployed! + 2 * HOUR;
      const incidentId = `sc-inc-${inc}`;
      out.incident = {
        incident: [
          incidentId,
          inc,
          `INC-${inc}`,
          `Errors on ${system.slug} (${inc})`,
          SEVERITIES[inc % 4],
          "RESOLVED",
          new Date(started),
          new Date(started + 10 * MINUTE),
          new Date(started + HOUR),
          new Date(started + (70 + int(2000)) * MINUTE),
          int(5000),
          int(40),
          int(800),
          system.managerId,
          new Date(started),
          new Date(started),
        ],
        system: [incidentId, system.id],
        link:
          g % 3 === 0
            ? [incidentId, id, "CAUSE", system.managerId, new Date(started + HOUR)]
            : null,
      };
    }
    yield out;
  }
}

/** The commit a seeded revision was pushed as (what a pipeline asks the gate about). */
export const commitOf = (number: number, revision: number) =>
  createHash("sha1").update(`sc-cr-${number}-r${revision}`).digest("hex");

/** The list starting at `from`, wrapping round: spreads the first-named reviewer over the team. */
function rotate<T>(list: T[], from: number): T[] {
  return [...list.slice(from), ...list.slice(0, from)];
}
