// Static guard: writes happen only through mutate()/record(), and every use case that mutates is
// listed (and exercised) in mutations.int.test.ts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { projectSources } from "@/lib/testing/sources";

const sources = projectSources(["lib", "app", "scripts", "prisma"]);

// A write outside a transaction: through the shared client (`db.`) or as raw SQL on it. Writes
// through a transaction's `tx.` are fine by construction: only mutate() (and the demo seed)
// open transactions, and mutate() records the event.
const DIRECT_WRITE =
  /\bdb\.\w+\.(?:create|createMany|createManyAndReturn|update|updateMany|upsert|delete|deleteMany)\(|\bdb\.\$executeRaw/;
// Fixture code that builds test and benchmark data writes directly.
const FIXTURES = ["prisma/factories.ts", "scripts/bench/"];

describe("writes go through the audit trail", () => {
  it("nothing writes through the shared client outside a transaction (fixtures aside)", () => {
    const offenders = sources.filter(
      (f) => DIRECT_WRITE.test(readFileSync(f, "utf8")) && !FIXTURES.some((x) => f.startsWith(x)),
    );
    expect(offenders).toEqual([]);
  });

  it("the rule above can fail: it sees a direct write", () => {
    expect(DIRECT_WRITE.test("await db.system.update({ where })")).toBe(true);
    expect(DIRECT_WRITE.test("await tx.system.update({ where })")).toBe(false);
  });

  // Webhook deliveries are operational state, received with their job in one transaction; what
  // a delivery changes is audited by the use case its job runs (docs/decisions/0013).
  it("db.$transaction is opened only by mutate(), the delivery log and the demo seed", () => {
    const opening = sources.filter(
      (f) =>
        /\.\$transaction\(/.test(readFileSync(f, "utf8")) && !FIXTURES.some((x) => f.startsWith(x)),
    );
    expect(opening.sort()).toEqual([
      "lib/server/audit/mutate.ts",
      "lib/server/integrations/deliveries.ts",
      "prisma/seed-demo.ts",
    ]);
  });

  it("every exported use case that mutates is in the integration table", () => {
    const table = readFileSync("lib/server/mutations.int.test.ts", "utf8");
    const listed = new Set([...table.matchAll(/name: "(\w+)[" ]/g)].map((m) => m[1]));
    const mutating = sources
      .filter((f) => f.startsWith("lib/server/"))
      .flatMap((file) => {
        const text = readFileSync(file, "utf8");
        return (
          [...text.matchAll(/export async function (\w+)\([^]*?\n}\n/g)]
            // `mutate(` or `mutate<Result>(`: a type argument must not hide a use case.
            .filter((m) => /\bmutate\s*[<(]/.test(m[0]))
            .map((m) => m[1]!)
        );
      });
    expect(mutating.length).toBeGreaterThan(0);
    for (const name of mutating)
      expect(listed, `${name} is missing from mutations.int.test.ts`).toContain(name);
  });
});
