// Static guard: lib/server/changes/writer.ts is the only writer of a change's requirement,
// assignment, change-system and revision rows (issue 12). Data generators for the demo and the
// benchmarks bulk-load them directly and are the only exceptions.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { projectSources } from "@/lib/testing/sources";

const MODELS = "requirement|assignment|changeSystem|revision";
const TABLES = "Requirement|Assignment|ChangeSystem|Revision";
const PRISMA_WRITE = new RegExp(
  `\\.(?:${MODELS})\\.(?:create|createMany|createManyAndReturn|update|updateMany|upsert|delete|deleteMany)\\(`,
);
const SQL_WRITE = new RegExp(`(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+"(?:${TABLES})"`, "i");
const WRITER = "lib/server/changes/writer.ts";
const GENERATORS = ["prisma/factories.ts", "scripts/bench/"];

describe("the change's rows have one writer", () => {
  it("no file but the writer module writes requirement, assignment, change-system or revision rows", () => {
    const writers = projectSources().filter((f) => {
      const text = readFileSync(f, "utf8");
      return PRISMA_WRITE.test(text) || SQL_WRITE.test(text);
    });
    expect(writers).toContain(WRITER);
    expect(writers.filter((f) => f !== WRITER && !GENERATORS.some((g) => f.startsWith(g)))).toEqual(
      [],
    );
  });

  it("the rule above can fail: it sees each kind of write", () => {
    expect(PRISMA_WRITE.test("await tx.assignment.upsert({")).toBe(true);
    expect(PRISMA_WRITE.test("await tx.revision.create({")).toBe(true);
    expect(SQL_WRITE.test('INSERT INTO "Requirement" (id)')).toBe(true);
    expect(SQL_WRITE.test('update "ChangeSystem" set')).toBe(true);
    expect(PRISMA_WRITE.test("await tx.review.create({")).toBe(false);
    expect(SQL_WRITE.test('SELECT * FROM "Requirement"')).toBe(false);
  });
});
