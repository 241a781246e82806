// Environment, validated once with zod. Server-only.
import { z } from "zod";

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""])
  .optional()
  .transform((value) =>
    value === undefined || value === "" ? undefined : ["1", "true", "yes", "on"].includes(value),
  );

const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  // Read replicas for reads that may be slightly stale, comma-separated (docs/decisions/0017).
  DATABASE_REPLICA_URL: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().url())),
  // How far behind the primary a replica may be and still be read; beyond it reads go to the primary.
  REPLICA_MAX_LAG_SECONDS: z.coerce.number().positive().default(10),
  DEMO_MODE: flag,
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).default("Single sign-on"),
  // The share of approved AI-assisted changes sampled for a second look (0 to 1): all of them,
  // tier-1 ones, and those with an approval flagged as a possible rubber stamp.
  SECOND_LOOK_SHARE: z.coerce.number().min(0).max(1).default(0.05),
  SECOND_LOOK_SHARE_TIER1: z.coerce.number().min(0).max(1).default(0.2),
  SECOND_LOOK_SHARE_RUBBER_STAMP: z.coerce.number().min(0).max(1).default(0.5),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}

export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url)
    throw new Error("DATABASE_URL is not set (npm start sets it for the embedded database)");
  return url;
}

/** Demo sign-in exists only when DEMO_MODE is on; `npm start` turns it on for the embedded database. */
export function demoMode(): boolean {
  return env().DEMO_MODE === true;
}

export function oidcConfigured(): boolean {
  const e = env();
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}
