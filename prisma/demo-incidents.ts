// About 200 demo incidents over the demo history, from a fixed seed, so the dashboard tells a true
// story about its data: AI-assisted changes by JUNIOR and MID authors caused incidents far more
// often before the tier-1 safety reset started, and much less after. Pure: it returns rows;
// prisma/factories.ts writes them.
import { Faker, en } from "@faker-js/faker";
import type { Severity } from "@/lib/domain/incidents/incident";
import { DEMO_SEED, type DemoOrganisation } from "./demo-org";
import type { DemoHistory } from "./demo-history";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface DemoIncidents {
  incidents: {
    id: string;
    number: number;
    key: string;
    title: string;
    severity: Severity;
    status: "INVESTIGATING" | "IDENTIFIED" | "MITIGATED" | "RESOLVED";
    startedAt: Date;
    detectedAt: Date;
    mitigatedAt: Date | null;
    resolvedAt: Date | null;
    errors: number | null;
    lostOrders: number | null;
    customersAffected: number | null;
    summary: string;
    postmortemUrl: string | null;
    reportedById: string;
    createdAt: Date;
  }[];
  systems: { incidentId: string; systemId: string }[];
  links: {
    incidentId: string;
    changeId: string;
    kind: "CAUSE" | "CONTRIBUTING" | "SUSPECT";
    linkedById: string;
    linkedAt: Date;
  }[];
  notes: { id: string; incidentId: string; authorId: string; at: Date; text: string }[];
}

const SYMPTOMS = [
  "Elevated 5xx from {x}",
  "{x} latency above SLO",
  "{x} returning stale data",
  "Failed payments through {x}",
  "{x} jobs stuck in retry",
  "Partial outage of {x}",
];

/** The chance a deployed change caused an incident, by who wrote it, with how much AI, and when. */
export function causeChance(input: {
  juniorOrMid: boolean;
  aiAssisted: boolean;
  beforeReset: boolean;
  linesChanged: number;
}): number {
  const base =
    input.juniorOrMid && input.aiAssisted
      ? input.beforeReset
        ? 0.095
        : 0.03
      : input.aiAssisted
        ? 0.03
        : 0.022;
  return base * (input.linesChanged > 300 ? 1.5 : 1);
}

export function buildDemoIncidents(
  org: DemoOrganisation,
  history: DemoHistory,
  now = new Date(),
): DemoIncidents {
  const faker = new Faker({ locale: [en] });
  faker.seed(DEMO_SEED + 2);
  const out: DemoIncidents = { incidents: [], systems: [], links: [], notes: [] };
  const users = new Map(org.users.map((u) => [u.id, u]));
  const systemOfChange = new Map(history.systems.map((s) => [s.changeId, s.systemId]));
  const systems = new Map(org.systems.map((s) => [s.id, s]));
  const teams = new Map(org.teams.map((t) => [t.id, t]));
  const resetStart = org.windows[0]?.startsAt.getTime() ?? now.getTime();
  const deployed = history.changes
    .filter((c) => c.deployedAt && c.status === "DEPLOYED")
    .sort((a, b) => a.deployedAt!.getTime() - b.deployedAt!.getTime());

  const add = (
    system: (typeof org.systems)[number],
    startedAt: Date,
    cause: { changeId: string; kind: "CAUSE" | "CONTRIBUTING" | "SUSPECT" } | null,
  ) => {
    const n = out.incidents.length + 1;
    const id = `demo-inc-${String(n).padStart(4, "0")}`;
    const severity = faker.helpers.weightedArrayElement<Severity>([
      { weight: system.tier === 1 ? 8 : 3, value: "SEV1" },
      { weight: 20, value: "SEV2" },
      { weight: 42, value: "SEV3" },
      { weight: 30, value: "SEV4" },
    ]);
    const scale = { SEV1: 40, SEV2: 10, SEV3: 3, SEV4: 1 }[severity];
    const detectedAt = new Date(
      startedAt.getTime() + faker.number.int({ min: 3, max: 45 }) * MINUTE,
    );
    const mitigatedAt = new Date(
      detectedAt.getTime() + faker.number.float({ min: 0.2, max: 3 }) * HOUR * (scale > 5 ? 1 : 2),
    );
    const resolvedAt = new Date(
      mitigatedAt.getTime() + faker.number.float({ min: 0, max: 20 }) * HOUR,
    );
    const age = now.getTime() - startedAt.getTime();
    const status =
      resolvedAt.getTime() < now.getTime() - HOUR
        ? ("RESOLVED" as const)
        : mitigatedAt.getTime() < now.getTime()
          ? ("MITIGATED" as const)
          : age > HOUR
            ? ("IDENTIFIED" as const)
            : ("INVESTIGATING" as const);
    const team = teams.get(system.owningTeamId)!;
    const reporter = team.managerId;
    out.incidents.push({
      id,
      number: n,
      key: `INC-${n}`,
      title: faker.helpers.arrayElement(SYMPTOMS).replace("{x}", system.name),
      severity,
      status,
      startedAt,
      detectedAt: new Date(Math.min(detectedAt.getTime(), now.getTime())),
      mitigatedAt: status === "MITIGATED" || status === "RESOLVED" ? mitigatedAt : null,
      resolvedAt: status === "RESOLVED" ? resolvedAt : null,
      errors: faker.number.int({ min: 50, max: 2000 }) * scale,
      lostOrders: system.customerFacing ? faker.number.int({ min: 0, max: 60 }) * scale : 0,
      customersAffected: system.customerFacing ? faker.number.int({ min: 5, max: 400 }) * scale : 0,
      summary:
        status === "RESOLVED"
          ? `${system.name} degraded after a deploy; rolled back and verified. Follow-ups tracked in the postmortem.`
          : `${system.name} degraded; the on-call engineer is investigating.`,
      postmortemUrl:
        status === "RESOLVED" && (severity === "SEV1" || severity === "SEV2")
          ? `https://wiki.acme.example/postmortems/${id}`
          : null,
      reportedById: reporter,
      createdAt: detectedAt,
    });
    out.systems.push({ incidentId: id, systemId: system.id });
    if (cause)
      out.links.push({
        incidentId: id,
        changeId: cause.changeId,
        kind: cause.kind,
        linkedById: reporter,
        linkedAt: new Date(Math.min(detectedAt.getTime() + HOUR, now.getTime())),
      });
    out.notes.push({
      id: `${id}-n1`,
      incidentId: id,
      authorId: reporter,
      at: detectedAt,
      text: "Alert fired; paged the owning team's on-call.",
    });
    if (out.incidents[out.incidents.length - 1]!.mitigatedAt)
      out.notes.push({
        id: `${id}-n2`,
        incidentId: id,
        authorId: reporter,
        at: mitigatedAt,
        text: cause
          ? "Rolled back the suspect deploy; error rate back to baseline."
          : "Traffic shifted to the healthy region.",
      });
  };

  for (const c of deployed) {
    const author = users.get(c.authorId)!;
    const chance = causeChance({
      juniorOrMid: author.level === "JUNIOR" || author.level === "MID",
      aiAssisted: c.aiExtent !== "NONE",
      beforeReset: c.deployedAt!.getTime() < resetStart,
      linesChanged: c.linesAdded + c.linesRemoved,
    });
    if (faker.number.float() >= chance) continue;
    const startedAt = new Date(
      c.deployedAt!.getTime() + faker.number.float({ min: 0.3, max: 18 }) * HOUR,
    );
    if (startedAt.getTime() > now.getTime() - 30 * MINUTE) continue;
    const system = systems.get(systemOfChange.get(c.id)!)!;
    const kind = faker.helpers.weightedArrayElement<"CAUSE" | "CONTRIBUTING">([
      { weight: 9, value: "CAUSE" },
      { weight: 1, value: "CONTRIBUTING" },
    ]);
    add(system, startedAt, { changeId: c.id, kind });
  }
  // Incidents no change caused (hardware, a provider, traffic): about one in six.
  const others = Math.round(out.incidents.length / 5);
  const start = deployed[0]?.deployedAt?.getTime() ?? now.getTime() - 180 * 24 * HOUR;
  for (let i = 0; i < others; i++) {
    const at = new Date(start + faker.number.float() * (now.getTime() - 2 * HOUR - start));
    add(faker.helpers.arrayElement(org.systems), at, null);
  }
  // Keep numbers in time order, as a real tracker would have them.
  const order = [...out.incidents].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  const renumber = new Map(order.map((inc, i) => [inc.id, i + 1]));
  for (const inc of out.incidents) {
    inc.number = renumber.get(inc.id)!;
    inc.key = `INC-${inc.number}`;
  }
  return out;
}
