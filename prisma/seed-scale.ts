// `cli seed --scale <factor>` (README "Benchmarks"): grows the demo organisation to the scale
// organisation (prisma/scale-org.ts) and writes factor × 1,000,000 changes of history
// (prisma/scale-history.ts) with COPY, in one transaction: all of it or none. The audit events
// are chained exactly as audit_append chains them (lib/domain/audit/chain.ts), under the chain's
// advisory lock, so `audit verify` passes and a running portal's own appends wait rather than fork.
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { hashEvent } from "@/lib/domain/audit/chain";
import { createDb } from "@/lib/db";
import { buildDemoOrganisation } from "./demo-org";
import { seedDemoIfEmpty } from "./seed-demo";
import { buildScaleOrganisation } from "./scale-org";
import {
  COLUMNS,
  SCALE_SPAN_DAYS,
  eventActorName,
  scaleHistory,
  type Person,
  type ScaleEvent,
  type ScaleSystem,
} from "./scale-history";

export const CHANGES_AT_FACTOR_1 = 1_000_000;
const CHUNK = 5_000;
const AUDIT_LOCK = 7242002; // audit_append's lock (docs/decisions/0002-audit-chain-in-sql.md)

export interface ScaleCounts {
  people: number;
  teams: number;
  systems: number;
  changes: number;
  revisions: number;
  reviews: number;
  incidents: number;
  events: number;
}

// ---- COPY text format -----------------------------------------------------------------------

const escapeText = (s: string) =>
  /[\\\t\n\r]/.test(s)
    ? s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r")
    : s;
const arrayItem = (v: unknown) => `"${String(v).replace(/[\\"]/g, "\\$&")}"`;

/** One value in COPY's text format: \N for null, ISO times, PostgreSQL array literals. */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return escapeText(`{${value.map(arrayItem).join(",")}}`);
  return escapeText(String(value));
}

const copyLine = (row: unknown[]) => `${row.map(copyField).join("\t")}\n`;

async function copy(
  client: pg.Client,
  table: string,
  columns: readonly string[],
  rows: unknown[][],
) {
  if (rows.length === 0) return;
  const list = columns.map((c) => `"${c}"`).join(", ");
  const stream = client.query(copyFrom(`COPY "${table}" (${list}) FROM STDIN`));
  const done = new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", reject);
  });
  let buffer = "";
  for (const row of rows) {
    buffer += copyLine(row);
    if (buffer.length > 1 << 20) {
      if (!stream.write(buffer)) await new Promise((r) => stream.once("drain", r));
      buffer = "";
    }
  }
  stream.end(buffer);
  await done;
}

// ---- events in time order -------------------------------------------------------------------

/** A min-heap of events by time (then by arrival), so the chain is written in time order. */
class EventHeap {
  private items: { at: number; n: number; event: ScaleEvent }[] = [];
  private arrivals = 0;
  get size() {
    return this.items.length;
  }
  push(event: ScaleEvent) {
    const items = this.items;
    items.push({ at: event.at.getTime(), n: this.arrivals++, event });
    for (let i = items.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }
  peekAt(): number {
    return this.items[0]?.at ?? Infinity;
  }
  pop(): ScaleEvent {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && this.less(l, m)) m = l;
        if (r < items.length && this.less(r, m)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m]!, items[i]!];
        i = m;
      }
    }
    return top.event;
  }
  private less(i: number, j: number) {
    const a = this.items[i]!;
    const b = this.items[j]!;
    return a.at < b.at || (a.at === b.at && a.n < b.n);
  }
}

const EVENT_COLUMNS = [
  "seq", "at", "actorType", "actorId", "actorName", "action", "subjectType", "subjectId",
  "subjectLabel", "changeKey", "payload", "prevHash", "hash",
] as const; // prettier-ignore

class Chain {
  constructor(
    private seq: number,
    private prev: string,
  ) {}
  count = 0;
  row(e: ScaleEvent): unknown[] {
    const event = {
      seq: ++this.seq,
      at: e.at,
      actorType: e.actor ? ("USER" as const) : ("SYSTEM" as const),
      actorId: e.actor?.id ?? null,
      actorName: eventActorName(e.actor),
      action: e.action,
      subjectType: e.changeKey ? "change" : "session",
      subjectId: e.subjectId,
      subjectLabel: e.changeKey,
      changeKey: e.changeKey,
      payload: e.payload,
    };
    const hash = hashEvent(this.prev, event);
    const row = [
      event.seq, event.at, event.actorType, event.actorId, event.actorName, event.action,
      event.subjectType, event.subjectId, event.subjectLabel, event.changeKey,
      JSON.stringify(e.payload), this.prev, hash,
    ]; // prettier-ignore
    this.prev = hash;
    this.count++;
    return row;
  }
}

// ---- the seed -------------------------------------------------------------------------------

export interface ScaleOptions {
  /** 1 = 1,000,000 changes; 0.1 for quick runs. */
  factor: number;
  log?: (line: string) => void;
  /** Called after each chunk with the changes written so far and the total. */
  progress?: (done: number, total: number) => void;
  now?: Date;
}

export async function seedScale(url: string, options: ScaleOptions): Promise<ScaleCounts> {
  const log = options.log ?? (() => {});
  const now = options.now ?? new Date();
  const total = Math.round(CHANGES_AT_FACTOR_1 * options.factor);
  const prisma = createDb(url, 2);
  try {
    await seedDemoIfEmpty(prisma, log);
  } finally {
    await prisma.$disconnect();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const probe = await client.query<{ scaled: boolean; demo: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM "User" WHERE id = 'sc-user-0') AS scaled,
              EXISTS (SELECT 1 FROM "User" WHERE id = 'demo-admin-0') AS demo`,
    );
    if (probe.rows[0]!.scaled)
      throw new Error("this database is already seeded at scale: use a new, empty database");
    if (!probe.rows[0]!.demo)
      throw new Error(
        "seed --scale grows the demo organisation: run it on an empty database or one with only the demo data",
      );
    await client.query("BEGIN");
    await client.query(`SET LOCAL countersign.metrics = 'off'`);
    await client.query(`SET LOCAL synchronous_commit = off`);
    await client.query(`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`);
    // Month partitions for the whole history first (docs/decisions/0017-partitions-and-replicas.md).
    await client.query(`SELECT partitions_ensure($1::timestamptz)`, [
      new Date(now.getTime() - (SCALE_SPAN_DAYS + 31) * 86_400_000),
    ]);

    const demo = buildDemoOrganisation(now);
    const org = buildScaleOrganisation(demo);
    await copyOrganisation(client, org, now);

    // Everyone who reviews or writes changes, by team.
    const people = new Map<string, Person>();
    for (const u of [...demo.users, ...org.users])
      people.set(u.id, { id: u.id, name: u.name, handle: u.handle, level: u.level });
    const members = new Map<string, Person[]>();
    for (const m of [...demo.memberships, ...org.memberships])
      members.set(m.teamId, [...(members.get(m.teamId) ?? []), people.get(m.userId)!]);
    const senior = (p: Person) => p.level === "SENIOR" || p.level === "PRINCIPAL";
    const managerOf = new Map(
      [...demo.teams, ...org.teams].map((t) => [t.id, t.managerId] as const),
    );
    const demoRepo = new Map(
      demo.systemRepositories
        .filter((r) => !r.repositoryId.startsWith("demo-repo-mono"))
        .map((r) => [r.systemId, r.repositoryId]),
    );
    const repoName = new Map(
      [...demo.repositories, ...org.repositories].map((r) => [r.id, r.name] as const),
    );
    const systems: ScaleSystem[] = [...demo.systems, ...org.systems].map((s, i) => {
      // The owning team's SENIOR+ people: at least two in every demo team, three in every added one.
      const reviewers = (members.get(s.owningTeamId) ?? []).filter(senior);
      if (reviewers.length < 2)
        throw new Error(`team ${s.owningTeamId} has fewer than two seniors`);
      const repositoryId = demoRepo.get(s.id) ?? `sc-repo-${i - demo.systems.length}`;
      return {
        id: s.id,
        slug: s.slug,
        tier: s.tier,
        repositoryId,
        repositoryName: repoName.get(repositoryId)!,
        reviewers,
        managerId: managerOf.get(s.owningTeamId)!,
      };
    });
    const authors = [...people.values()].filter((p) => p.level === "JUNIOR" || p.level === "MID");

    const counters = await client.query<{ name: string; value: number }>(
      `SELECT name, value FROM "Counter" WHERE name IN ('change', 'incident')`,
    );
    const counter = (name: string) => counters.rows.find((r) => r.name === name)?.value ?? 0;
    const tail = await client.query<{ seq: string; hash: string }>(
      `SELECT seq, hash FROM "AuditEvent" ORDER BY seq DESC LIMIT 1`,
    );
    const chain = new Chain(Number(tail.rows[0]?.seq ?? 0), tail.rows[0]?.hash ?? "0".repeat(64));
    const heap = new EventHeap();
    const counts: ScaleCounts = {
      people: people.size,
      teams: demo.teams.length + org.teams.length,
      systems: systems.length,
      changes: 0,
      revisions: 0,
      reviews: 0,
      incidents: 0,
      events: 0,
    };
    const tables = Object.fromEntries(Object.keys(COLUMNS).map((t) => [t, [] as unknown[][]]));
    const events: unknown[][] = [];
    const flush = async () => {
      for (const [table, columns] of Object.entries(COLUMNS)) {
        await copy(client, table, columns, tables[table]!);
        tables[table] = [];
      }
      await copy(client, "AuditEvent", EVENT_COLUMNS, events.splice(0));
    };
    for (const c of scaleHistory({
      changes: total,
      firstNumber: counter("change") + 1,
      firstIncident: counter("incident") + 1,
      now,
      systems,
      authors,
    })) {
      // Every later event is at most five minutes before this change's submission.
      const horizon = (c.change[17] as Date).getTime() - 10 * 60_000;
      while (heap.peekAt() < horizon) events.push(chain.row(heap.pop()));
      for (const e of c.events) heap.push(e);
      tables.ChangeRequest!.push(c.change);
      tables.ChangeSystem!.push(c.system);
      tables.Revision!.push(...c.revisions);
      tables.Requirement!.push(c.requirement);
      tables.Assignment!.push(...c.assignments);
      tables.Review!.push(...c.reviews);
      counts.revisions += c.revisions.length;
      counts.reviews += c.reviews.length;
      if (c.incident) {
        counts.incidents++;
        tables.Incident!.push(c.incident.incident);
        tables.IncidentSystem!.push(c.incident.system);
        if (c.incident.link) tables.IncidentChange!.push(c.incident.link);
      }
      if (++counts.changes % CHUNK === 0) {
        await flush();
        options.progress?.(counts.changes, total);
      }
    }
    while (heap.size > 0) events.push(chain.row(heap.pop()));
    await flush();
    options.progress?.(counts.changes, total);
    counts.events = chain.count;
    await client.query(
      `UPDATE "Counter" SET value = value + (CASE name WHEN 'change' THEN $1::int ELSE $2::int END)
        WHERE name IN ('change', 'incident')`,
      [counts.changes, counts.incidents],
    );
    log("building the dashboard's facts");
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    await client.query(`SELECT metric_rebuild()`);
    await client.query("COMMIT");
    log("analysing the tables");
    await client.query("VACUUM ANALYZE");
    return counts;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

async function copyOrganisation(
  client: pg.Client,
  org: ReturnType<typeof buildScaleOrganisation>,
  now: Date,
) {
  await copy(
    client,
    "User",
    ["id", "email", "name", "handle", "level", "roles", "updatedAt"],
    org.users.map((u) => [u.id, u.email, u.name, u.handle, u.level, [], now]),
  );
  await copy(
    client,
    "Team",
    ["id", "slug", "name", "managerId", "updatedAt"],
    org.teams.map((t) => [t.id, t.slug, t.name, t.managerId, now]),
  );
  await copy(
    client,
    "TeamMember",
    ["teamId", "userId"],
    org.memberships.map((m) => [m.teamId, m.userId]),
  );
  await copy(
    client,
    "System",
    ["id", "slug", "name", "tier", "owningTeamId", "updatedAt"],
    org.systems.map((s) => [s.id, s.slug, s.name, s.tier, s.owningTeamId, now]),
  );
  await copy(
    client,
    "Repository",
    ["id", "name"],
    org.repositories.map((r) => [r.id, r.name]),
  );
  await copy(
    client,
    "SystemRepository",
    ["systemId", "repositoryId"],
    org.rules.map((r) => [r.systemId, r.repositoryId]),
  );
  await copy(
    client,
    "OwnershipRule",
    ["id", "repositoryId", "position", "pattern", "systemId", "ownerLabels", "source", "updatedAt"],
    org.rules.map((r) => [r.id, r.repositoryId, 0, "*", r.systemId, [r.label], "CODEOWNERS", now]),
  );
  await copy(
    client,
    "RuleOwner",
    ["id", "ruleId", "teamId"],
    org.rules.map((r) => [`${r.id}-o`, r.id, r.teamId]),
  );
}
