// Seeds the demo data set once (an organisation without people is empty), in one transaction
// with its audit event: the organisation and six months of change history.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { auditActorOf, systemActor } from "@/lib/domain/actor";
import { record } from "@/lib/server/audit/record";
import { buildDemoOrganisation } from "./demo-org";
import { DEMO_HISTORY_DAYS, buildDemoHistory } from "./demo-history";
import { buildDemoIncidents } from "./demo-incidents";
import { insertDemoHistory, insertDemoIncidents, insertDemoOrganisation } from "./factories";

export async function seedDemoIfEmpty(
  db: PrismaClient,
  log: (line: string) => void = () => {},
  options: { history?: boolean } = {},
): Promise<{ seeded: boolean }> {
  const people = await db.user.count();
  if (people > 0) return { seeded: false };
  const started = Date.now();
  const now = new Date();
  const org = buildDemoOrganisation(now);
  const history = options.history === false ? null : buildDemoHistory(org, now);
  const incidents = history ? buildDemoIncidents(org, history, now) : null;
  const counts = {
    people: org.users.length,
    teams: org.teams.length,
    systems: org.systems.length,
    rules: org.rules.length,
    changes: history?.changes.length ?? 0,
    reviews: history?.reviews.length ?? 0,
    incidents: incidents?.incidents.length ?? 0,
    incidentLinks: incidents?.links.length ?? 0,
  };
  await db.$transaction(
    async (tx) => {
      // A bulk load: the dashboard's facts are computed once at the end, not per row.
      await tx.$executeRaw`SET LOCAL countersign.metrics = 'off'`;
      // Month partitions for the whole history first (docs/decisions/0017-partitions-and-replicas.md).
      const since = new Date(now.getTime() - (DEMO_HISTORY_DAYS + 1) * 86_400_000);
      await tx.$queryRaw`SELECT partitions_ensure(${since}::timestamptz)`;
      await insertDemoOrganisation(tx, org);
      if (history) await insertDemoHistory(tx, history);
      if (incidents) await insertDemoIncidents(tx, incidents);
      await tx.$executeRaw`SELECT metric_rebuild()`;
      await record(tx, auditActorOf(systemActor("seed")), {
        action: "demo.seeded",
        subjectType: "import",
        subjectLabel: "demo organisation",
        payload: { counts },
      });
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
  log(
    `seeded the demo organisation: ${counts.people} people, ${counts.teams} teams, ${counts.systems} systems, ` +
      `${counts.rules} ownership rules, ${counts.changes} changes, ${counts.reviews} reviews, ${counts.incidents} incidents (${Date.now() - started} ms)`,
  );
  return { seeded: true };
}
