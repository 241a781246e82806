// Seeds the demo data set once: an organisation without people is considered empty.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { insertDemoOrganisation } from "./factories";

export async function seedDemoIfEmpty(
  db: PrismaClient,
  log: (line: string) => void = () => {},
): Promise<{ seeded: boolean }> {
  const people = await db.user.count();
  if (people > 0) return { seeded: false };
  const started = Date.now();
  const org = await insertDemoOrganisation(db);
  log(
    `seeded the demo organisation: ${org.users.length} people, ${org.teams.length} teams, ` +
      `${org.systems.length} systems, ${org.rules.length} ownership rules (${Date.now() - started} ms)`,
  );
  return { seeded: true };
}
