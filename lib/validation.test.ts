import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { z } from "zod";
import { dateTime, isRealDateTime, parseInput, refuseUnstorable, unstorableAt } from "./validation";

describe("unstorableAt", () => {
  it.each([
    ["a clean object", { title: "ok", paths: ["a.ts"], n: 3, nested: { x: null } }, null],
    ["a top-level string", "a\u0000b", "(body)"],
    ["a field", { title: "a\u0000b" }, "title"],
    ["an array item", { paths: ["a.ts", "b\u0000.ts"] }, "paths.1"],
    ["a nested field", { extraApprovers: { users: ["ok", "\u0000"] } }, "extraApprovers.users.1"],
    ["a key", { "bad\u0000key": 1 }, "bad\\0key"],
    ["numbers, booleans and null", [1, true, null, 2.5], null],
    ["a lone high surrogate", { title: "a\ud800" }, "title"],
    ["a lone low surrogate", { notes: ["ok", "\udc00b"] }, "notes.1"],
    ["a surrogate key", { "k\udfff": 1 }, "k\\udfff"],
    ["a well-formed pair", { title: "\ud83d\ude00" }, null],
  ])("%s", (_name, value, expected) => {
    expect(unstorableAt(value)?.field ?? null).toBe(expected);
  });

  it("refuseUnstorable names the field in a validation error", () => {
    const error = (() => {
      try {
        refuseUnstorable({ intent: "why\u0000" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "VALIDATION",
      details: [{ field: "intent", message: "must not contain NUL characters" }],
    });
  });
});

describe("deep values", () => {
  it("walks 100,000 levels without overflowing the stack", () => {
    let value: unknown = "deep\u0000";
    for (let i = 0; i < 100_000; i++) value = [value];
    expect(unstorableAt(value)?.field).toMatch(/^0(\.0)+$/);
  });
});

describe("dateTime", () => {
  it.each([
    ["2026-12-01T00:00", "2026-12-01T00:00:00.000Z"],
    ["2026-12-01T10:30:15Z", "2026-12-01T10:30:15.000Z"],
    ["2026-12-01T10:30+02:00", "2026-12-01T08:30:00.000Z"],
    ["2028-02-29T23:59:59.5Z", "2028-02-29T23:59:59.500Z"],
  ])("reads %s as %s", (input, iso) => {
    expect(dateTime.parse(input).toISOString()).toBe(iso);
  });
  it.each([
    "2026-12-01",
    "yesterday",
    "2026-13-45T00:00",
    "2026-02-30T00:00",
    "2026-04-31T12:00Z",
    "2026-12-01T24:00",
    "2026-12-01T10:60",
    // PostgreSQL (through the driver) cannot store these: year 0, or year 10000 after the offset.
    "0000-01-01T00:00Z",
    "0000-06-15T12:00",
    "9999-12-31T23:30-01:00",
  ])("refuses %s", (input) => {
    expect(dateTime.safeParse(input).success).toBe(false);
  });

  it("keeps the first and last storable instants", () => {
    expect(dateTime.parse("0001-01-01T00:00Z").toISOString()).toBe("0001-01-01T00:00:00.000Z");
    expect(dateTime.parse("9999-12-31T23:59Z").toISOString()).toBe("9999-12-31T23:59:00.000Z");
  });
});

describe("isRealDateTime", () => {
  it.each([
    ["2026-02-28", true],
    ["2026-02-29", false],
    ["2028-02-29", true],
    ["2026-12-31T23:59:59Z", true],
    ["2026-11-31", false],
    ["2026-00-10", false],
    ["2026-06-00T10:00", false],
    ["2026-06-10T25:00", false],
  ])("%s is %s", (input, expected) => {
    expect(isRealDateTime(input)).toBe(expected);
  });
});

describe("parseInput", () => {
  it("parses an object once per schema, and answers the same result again", () => {
    let runs = 0;
    const schema = z.object({ a: z.string().refine(() => ++runs > 0) });
    const body = { a: "x" };
    const first = parseInput(schema, body);
    expect(parseInput(schema, body)).toBe(first);
    expect(runs).toBe(1);
    // Another object, or another schema, is parsed afresh; a failure is never kept.
    parseInput(schema, { a: "x" });
    expect(runs).toBe(2);
    const bad = { a: 1 };
    expect(() => parseInput(schema, bad)).toThrow();
    expect(() => parseInput(schema, bad)).toThrow();
  });
});
