// Static guard: use cases take an Actor from lib/domain/actor.ts (issue 12), never a framework's
// session type; lib/server and lib/domain import nothing from lib/auth (the sign-in layer), which
// also keeps the auth options -> auth events -> audit import loop from coming back.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { projectSources } from "@/lib/testing/sources";

const layers = projectSources(["lib"]).filter(
  (f) => f.startsWith("lib/server/") || f.startsWith("lib/domain/"),
);
const AUTH_IMPORT = /from\s+["'](?:@\/lib\/auth\/|next-auth)/;
const SESSION_TYPE = /\bSessionUser\b|\bSession\b.*from\s+["']next-auth/;

describe("use cases take an Actor", () => {
  it("lib/server and lib/domain import nothing from the sign-in layer", () => {
    expect(layers.filter((f) => AUTH_IMPORT.test(readFileSync(f, "utf8")))).toEqual([]);
  });

  it("no use case names the session type", () => {
    expect(layers.filter((f) => SESSION_TYPE.test(readFileSync(f, "utf8")))).toEqual([]);
  });

  it("every exported use case that writes takes an Actor as its first parameter", () => {
    const offenders: string[] = [];
    let checked = 0;
    for (const file of layers.filter((f) => f.startsWith("lib/server/"))) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(
        /export async function (\w+)(?:<[^>]*>)?\(([^)]*)\)[^]*?\n}\n/g,
      )) {
        if (!/\bmutate\s*[<(]/.test(m[0])) continue;
        checked++;
        const first = m[2]!.split(",")[0]!.trim();
        // A job or import may default to the system actor; a person's use case names its actor.
        if (
          !/^\w+\??:\s*(?:Actor|PersonActor|UserActor)\b/.test(first) &&
          !/^\w+:\s*string\b/.test(first)
        )
          offenders.push(`${file}: ${m[1]}(${first})`);
      }
    }
    expect(checked).toBeGreaterThan(15);
    expect(offenders).toEqual([]);
  });

  it("the rules above can fail", () => {
    expect(AUTH_IMPORT.test('import { currentUser } from "@/lib/auth/session";')).toBe(true);
    expect(SESSION_TYPE.test("function f(user: SessionUser)")).toBe(true);
  });
});
