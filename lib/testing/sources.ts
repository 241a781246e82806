// The project's own source files, for the static guards (mutations.test.ts, writer.test.ts,
// actors.test.ts): TypeScript under lib/, app/, scripts/ and prisma/, without tests and generated
// code.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

export function projectSources(dirs = ["lib", "app", "scripts", "prisma", "components"]): string[] {
  return dirs
    .flatMap((dir) => walk(path.resolve(dir)))
    .map((f) => path.relative(process.cwd(), f).split(path.sep).join("/"))
    .filter(
      (f) =>
        /\.(ts|tsx)$/.test(f) &&
        !/\.test\.ts$/.test(f) &&
        !f.startsWith("lib/generated/") &&
        !f.startsWith("lib/testing/"),
    );
}
