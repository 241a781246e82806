// Brings a database up to date as its owner, then lets the app's role use it (lib/db/roles.ts):
// migrations, the job queue's schema, and the app's grants. Run by `npm start`, the test harness
// and the CLI; never by the web app, which connects as the app's role.
import { installJobSchema } from "@/lib/jobs/boss";
import { migrate, type MigrateResult } from "./migrate";
import { ensureAppRole, grantApp, roleOf } from "./roles";

export interface Provisioned extends MigrateResult {
  /** The URL the app connects with. */
  appUrl: string;
}

export type AppRole =
  /** A role created (or updated) here with this password: the embedded server and tests. */
  | { create: true; name: string; password: string }
  /** An existing role the operator made (DATABASE_URL's user), granted here. */
  | { create: false; url: string };

export async function provision(
  ownerUrl: string,
  app: AppRole,
  options: { log?: (line: string) => void } = {},
): Promise<Provisioned> {
  const result = await migrate(ownerUrl, options);
  await installJobSchema(ownerUrl);
  if (app.create) {
    return { ...result, appUrl: await ensureAppRole(ownerUrl, app.name, app.password) };
  }
  // The same role for both (no DATABASE_OWNER_URL): nothing to grant; npm start warns instead.
  if (roleOf(app.url) !== roleOf(ownerUrl)) await grantApp(ownerUrl, roleOf(app.url));
  return { ...result, appUrl: app.url };
}
