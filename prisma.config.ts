import "dotenv/config";
import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma 7 wants a native schema engine for `generate`; we never use it (see README, Migrations),
// so point it at a stub unless the user brought a real one.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve(
  "scripts/bin/prisma-schema-engine-stub.sh",
);

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/countersign" },
});
