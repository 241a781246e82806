// Seeds the demo data set once (an organisation without people is empty), in one transaction
// with its audit event.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { SYSTEM_ACTOR } from "@/lib/domain/audit/events";
import { record } from "@/lib/server/audit/record";
import { insertDemoOrganisation } from "./factories";

export async function seedDemoIfEmpty(
  db: PrismaClient,
  log: (line: string) => void = () => {},
): Promise<{ seeded: boolean }> {
  const people = await db.user.count();
  if (people > 0) return { seeded: false };
  const started = Date.now();
  const org = await db.$transaction(
    async (tx) => {
      const org = await insertDemoOrganisation(tx);
      const counts = {
        people: org.users.length,
        teams: org.teams.length,
        systems: org.systems.length,
        rules: org.rules.length,
      };
      await record(tx, SYSTEM_ACTOR("seed"), {
        action: "demo.seeded",
        subjectType: "import",
        subjectLabel: "demo organisation",
        payload: { counts },
      });
      return org;
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
  log(
    `seeded the demo organisation: ${org.users.length} people, ${org.teams.length} teams, ` +
      `${org.systems.length} systems, ${org.rules.length} ownership rules (${Date.now() - started} ms)`,
  );
  return { seeded: true };
}
