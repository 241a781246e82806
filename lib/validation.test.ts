import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { dateTime, isRealDateTime, nulPath, refuseNul } from "./validation";

describe("nulPath", () => {
  it.each([
    ["a clean object", { title: "ok", paths: ["a.ts"], n: 3, nested: { x: null } }, null],
    ["a top-level string", "a\u0000b", "(body)"],
    ["a field", { title: "a\u0000b" }, "title"],
    ["an array item", { paths: ["a.ts", "b\u0000.ts"] }, "paths.1"],
    ["a nested field", { extraApprovers: { users: ["ok", "\u0000"] } }, "extraApprovers.users.1"],
    ["a key", { "bad\u0000key": 1 }, "bad\\0key"],
    ["numbers, booleans and null", [1, true, null, 2.5], null],
  ])("%s", (_name, value, expected) => {
    expect(nulPath(value)).toBe(expected);
  });

  it("refuseNul names the field in a validation error", () => {
    const error = (() => {
      try {
        refuseNul({ intent: "why\u0000" });
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
  ])("refuses %s", (input) => {
    expect(dateTime.safeParse(input).success).toBe(false);
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
