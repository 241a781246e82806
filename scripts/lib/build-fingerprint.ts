// What a production build was made from (issue 17, defect 4): a hash over the sources `next build`
// reads. `npm start` rebuilds when the sources differ from what the build in .next/ was made from,
// so `git pull && npm start` never serves the old build.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const SOURCE_DIRS = ["app", "components", "lib", "public", "prisma"];
const SOURCE_FILES = [
  "next.config.ts",
  "proxy.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];
/** Read by the build, not written by it: tests, screenshots, migrations and generated code are not. */
const IGNORED =
  /(\.test\.tsx?$|\.int\.test\.ts$|^public\/screenshots\/|^prisma\/migrations\/|^lib\/generated\/)/;
export const FINGERPRINT_FILE = ".next/countersign-sources";

function walk(root: string, dir: string, out: string[]) {
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = path.posix.join(dir, entry.name);
    if (IGNORED.test(relative)) continue;
    if (entry.isDirectory()) walk(root, relative, out);
    else if (entry.isFile()) out.push(relative);
  }
}

export function sourceFingerprint(root = process.cwd()): string {
  const files: string[] = [];
  for (const dir of SOURCE_DIRS) if (existsSync(path.join(root, dir))) walk(root, dir, files);
  for (const file of SOURCE_FILES) if (existsSync(path.join(root, file))) files.push(file);
  const hash = createHash("sha256");
  for (const file of files.sort()) {
    hash.update(`${file}\0${statSync(path.join(root, file)).size}\0`);
    hash.update(readFileSync(path.join(root, file)));
  }
  return hash.digest("hex");
}

/** Why a build is needed, or null when the build in .next/ was made from these sources. */
export function buildNeeded(
  root = process.cwd(),
  fingerprint = sourceFingerprint(root),
): string | null {
  if (!existsSync(path.join(root, ".next/BUILD_ID"))) return "no production build yet";
  const file = path.join(root, FINGERPRINT_FILE);
  if (!existsSync(file)) return "the build does not record its sources";
  if (readFileSync(file, "utf8").trim() !== fingerprint)
    return "the sources changed since the last build";
  return null;
}
