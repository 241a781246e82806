// Playwright fixtures: a database handle on the e2e database, people created per test, and a
// demo sign-in through next-auth's own endpoints (the same requests the sign-in page makes).
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { test as base, expect, type Page } from "@playwright/test";
import { createDb } from "../lib/db";
import type { PrismaClient } from "../lib/generated/prisma/client";
import type { Level, Role } from "../lib/domain/levels";

export interface TestPerson {
  id: string;
  name: string;
  handle: string;
  level: Level;
  roles: Role[];
}

interface Fixtures {
  createPerson: (options?: {
    level?: Level;
    roles?: Role[];
    teamSlug?: string;
  }) => Promise<TestPerson>;
}

interface WorkerFixtures {
  db: PrismaClient;
}

export async function signInAs(page: Page, person: { id: string }, baseURL?: string) {
  const root = baseURL ?? "";
  const csrf = await page.request.get(`${root}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await page.request.post(`${root}/api/auth/callback/demo`, {
    form: { csrfToken, userId: person.id, callbackUrl: `${root}/`, json: "true" },
  });
  expect(response.ok()).toBe(true);
  const session = await (await page.request.get(`${root}/api/auth/session`)).json();
  expect(session?.user?.id).toBe(person.id);
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  db: [
    async ({}, provide) => {
      const { url } = JSON.parse(readFileSync("test-results/e2e-database.json", "utf8")) as {
        url: string;
      };
      const db = createDb(url, 2);
      await provide(db);
      await db.$disconnect();
    },
    { scope: "worker" },
  ],
  createPerson: async ({ db }, provide) => {
    await provide(async (options = {}) => {
      const id = randomUUID().slice(0, 8);
      const user = await db.user.create({
        data: {
          name: `E2E ${options.level ?? "MID"} ${id}`,
          handle: `e2e.${id}`,
          email: `e2e.${id}@test.example`,
          level: options.level ?? "MID",
          roles: options.roles ?? [],
        },
      });
      if (options.teamSlug) {
        const team = await db.team.findUniqueOrThrow({ where: { slug: options.teamSlug } });
        await db.teamMember.create({ data: { teamId: team.id, userId: user.id } });
      }
      return user;
    });
  },
});

export { expect };

export const DEMO_OFF_URL = `http://localhost:${Number(process.env.E2E_PORT ?? 3100) + 1}`;

/** What a browser adds to a write from the portal's own pages; API calls made here must say it too. */
export const SAME_ORIGIN = { origin: `http://localhost:${Number(process.env.E2E_PORT ?? 3100)}` };
