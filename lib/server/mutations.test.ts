// Static guard: writes happen only through mutate()/record(), and every use case that mutates is
// listed (and exercised) in mutations.int.test.ts.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const sources = ["lib", "app", "scripts", "prisma"]
  .flatMap((dir) => walk(path.resolve(dir)))
  .map((f) => path.relative(process.cwd(), f).split(path.sep).join("/"))
  .filter(
    (f) =>
      /\.(ts|tsx)$/.test(f) &&
      !/\.test\.ts$/.test(f) &&
      !f.startsWith("lib/generated/") &&
      !f.startsWith("lib/testing/"),
  );

// A Prisma write through a client (`db.` or a transaction's `tx.`), or raw SQL that is not the chain lock.
const WRITE =
  /\b(?:db|tx)\.\w+\.(?:create|createMany|createManyAndReturn|update|updateMany|upsert|delete|deleteMany)\(|\$executeRaw/;
// Where a write may appear outside a mutate()/record() transaction: the append itself, and
// fixture code that builds test and benchmark data (factories, benchmark organisations).
const ALLOWED_WITHOUT_MUTATE = new Set(["prisma/factories.ts", "lib/server/audit/record.ts"]);
const FIXTURE_DIRS = ["scripts/bench/"];

describe("writes go through the audit trail", () => {
  it.each(
    sources.filter(
      (f) =>
        WRITE.test(readFileSync(f, "utf8")) &&
        !ALLOWED_WITHOUT_MUTATE.has(f) &&
        !FIXTURE_DIRS.some((dir) => f.startsWith(dir)),
    ),
  )("%s writes only inside mutate() or record()", (file) => {
    expect(readFileSync(file, "utf8")).toMatch(/\b(mutate|record)\(/);
  });

  it("db.$transaction is opened only by mutate() and the demo seed", () => {
    const opening = sources.filter((f) => /\.\$transaction\(/.test(readFileSync(f, "utf8")));
    expect(opening.sort()).toEqual(["lib/server/audit/mutate.ts", "prisma/seed-demo.ts"]);
  });

  it("every exported use case that mutates is in the integration table", () => {
    const table = readFileSync("lib/server/mutations.int.test.ts", "utf8");
    const listed = new Set([...table.matchAll(/name: "(\w+)[" ]/g)].map((m) => m[1]));
    const mutating = sources
      .filter((f) => f.startsWith("lib/server/"))
      .flatMap((file) => {
        const text = readFileSync(file, "utf8");
        return [...text.matchAll(/export async function (\w+)\([^]*?\n}\n/g)]
          .filter((m) => /\bmutate\(/.test(m[0]))
          .map((m) => m[1]!);
      });
    expect(mutating.length).toBeGreaterThan(0);
    for (const name of mutating)
      expect(listed, `${name} is missing from mutations.int.test.ts`).toContain(name);
  });
});
