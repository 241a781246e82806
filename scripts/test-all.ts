// npm test: every suite in order — typecheck, lint, unit and integration tests (Vitest, against a
// real PostgreSQL), the production build, and the browser tests (Playwright against next start).
// Every suite runs even when an earlier one fails; the last line is `N passed, N failed`.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { FINGERPRINT_FILE, sourceFingerprint } from "./lib/build-fingerprint.ts";

interface Outcome {
  suite: string;
  passed: number;
  failed: number;
  seconds: number;
}

const outcomes: Outcome[] = [];
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  FORCE_COLOR: process.env.FORCE_COLOR ?? "1",
};

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.once("error", () => resolve(1));
  });
}

function banner(title: string) {
  console.log(`\n━━━ ${title} ${"━".repeat(Math.max(0, 70 - title.length))}`);
}

const bin = (name: string) => `node_modules/.bin/${name}`;

async function step(
  suite: string,
  command: string,
  args: string[],
  count?: (code: number) => { passed: number; failed: number },
) {
  banner(suite);
  const started = Date.now();
  const code = await run(command, args);
  const counted = count
    ? count(code)
    : code === 0
      ? { passed: 1, failed: 0 }
      : { passed: 0, failed: 1 };
  // A runner that crashed before reporting still counts as a failure.
  if (code !== 0 && counted.failed === 0) counted.failed = 1;
  outcomes.push({ suite, ...counted, seconds: (Date.now() - started) / 1000 });
  return code;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

mkdirSync("test-results", { recursive: true });
for (const file of [
  "test-results/vitest.json",
  "test-results/e2e.json",
  "test-results/summary.txt",
])
  rmSync(file, { force: true });

await step("typecheck", bin("tsc"), ["--noEmit"]);
await step("lint", bin("eslint"), ["--max-warnings=0", "."]);
await step(
  "unit + integration (vitest)",
  bin("vitest"),
  ["run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json"],
  () => {
    const report = readJson<{ numPassedTests: number; numFailedTests: number }>(
      "test-results/vitest.json",
    );
    return { passed: report?.numPassedTests ?? 0, failed: report?.numFailedTests ?? 0 };
  },
);
const built = await step("build (next build)", process.execPath, [
  "node_modules/next/dist/bin/next",
  "build",
]);
if (built === 0 && existsSync(".next/BUILD_ID")) {
  // The build is of these sources: npm start (and npm run test:faults after this) reuses it.
  writeFileSync(FINGERPRINT_FILE, sourceFingerprint());
  await step("browser (playwright)", bin("playwright"), ["test"], () => {
    const report = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(
      "test-results/e2e.json",
    );
    return {
      passed: report?.stats.expected ?? 0,
      failed: (report?.stats.unexpected ?? 0) + (report?.stats.flaky ?? 0),
    };
  });
} else {
  outcomes.push({ suite: "browser (playwright)", passed: 0, failed: 1, seconds: 0 });
}

banner("summary");
for (const o of outcomes) {
  console.log(
    `${o.failed ? "✗" : "✓"} ${o.suite.padEnd(32)} ${String(o.passed).padStart(5)} passed ${String(o.failed).padStart(4)} failed  ${o.seconds.toFixed(0)}s`,
  );
}
const passed = outcomes.reduce((n, o) => n + o.passed, 0);
const failed = outcomes.reduce((n, o) => n + o.failed, 0);
const line = `${passed} passed, ${failed} failed`;
writeFileSync("test-results/summary.txt", `${line}\n`);
console.log(line);
process.exit(failed ? 1 : 0);
