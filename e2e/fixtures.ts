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
    /** Logins on the code hosts (a directory field), to match pull requests' authors. */
    githubLogin?: string;
    gitlabUsername?: string;
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
          githubLogin: options.githubLogin,
          gitlabUsername: options.gitlabUsername,
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

/** Creates an API token as `person` through the portal's API, and returns its secret. */
export async function createToken(
  page: Page,
  person: { id: string },
  scopes: string[],
  extra: { expiresAt?: string; name?: string } = {},
): Promise<string> {
  await signInAs(page, person);
  const response = await page.request.post("/api/v1/tokens", {
    headers: SAME_ORIGIN,
    data: { name: extra.name ?? `e2e-${randomUUID().slice(0, 8)}`, scopes, ...extra },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { secret: string }).secret;
}

export const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

/** A submitted AI-generated change on the storefront's checkout (tier 1: two SENIOR+ owners). */
export const checkoutChange = (over: Record<string, unknown> = {}) => ({
  submit: true,
  title: "Retry card authorisation once, with jitter",
  intent: "Card authorisations time out at peak; one jittered retry recovers most of them.",
  repository: "acme/storefront",
  aiExtent: "GENERATED",
  aiTools: ["Claude Code"],
  aiWrote: "The retry helper.",
  paths: ["apps/web/checkout/card-retry.ts"],
  linesChanged: 12,
  ...over,
});

/** A review made in the portal as the signed-in person: every file marked viewed, then signed. */
export async function review(
  page: Page,
  key: string,
  decision: "Approve" | "Request changes",
  text: string,
) {
  await page.goto(`/changes/${key}`);
  const panel = page.getByRole("region", { name: "Your review" });
  await panel.locator("label", { hasText: decision }).click();
  await expect(panel.getByRole("radio", { name: decision })).toBeChecked();
  if (decision === "Approve") {
    for (const box of await page
      .getByRole("region", { name: /^File / })
      .getByRole("checkbox", { name: "Viewed" })
      .all())
      await box.check();
    await panel.getByLabel("Attestation").fill(text);
    await panel.getByRole("button", { name: "Approve and sign" }).click();
  } else {
    await panel.getByLabel("What needs to change?").fill(text);
    await panel.getByRole("button", { name: "Request changes" }).click();
  }
  await expect(page.getByRole("status").filter({ hasText: "Review recorded" })).toBeVisible();
}
