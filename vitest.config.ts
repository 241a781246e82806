import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname);

export default defineConfig({
  resolve: { alias: [{ find: /^@\//, replacement: `${root}/` }] },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: [
            "lib/**/*.test.ts",
            "prisma/**/*.test.ts",
            "scripts/**/*.test.ts",
            "components/**/*.test.ts",
          ],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          environment: "node",
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**", ".next/**"],
          globalSetup: ["lib/testing/global-setup.ts"],
          // No random second looks: a test that wants one forces the draw and the shares.
          env: {
            SECOND_LOOK_SHARE: "0",
            SECOND_LOOK_SHARE_TIER1: "0",
            SECOND_LOOK_SHARE_RUBBER_STAMP: "0",
          },
          setupFiles: ["lib/testing/setup-db.ts"],
          // One database for the run; files take turns so counts and the audit chain stay predictable.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
