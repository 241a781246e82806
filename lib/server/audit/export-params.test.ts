import { describe, expect, it } from "vitest";
import { exportParamsSchema } from "./export-params";

describe("audit export parameters", () => {
  it.each(["2026-11-01", "2026-11-01T00:00:00Z", "0001-01-01", "9999-12-31T12:00:00+02:00"])(
    "accepts since=%s",
    (since) => {
      expect(exportParamsSchema.safeParse({ format: "csv", since }).success).toBe(true);
    },
  );

  it.each([
    "0000-01-01",
    "0000-12-31T23:00:00Z",
    "9999-12-31T23:00:00-02:00",
    "2026-02-30",
    "yesterday",
  ])("refuses since=%s (PostgreSQL could not compare it)", (since) => {
    const parsed = exportParamsSchema.safeParse({ format: "ndjson", since });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["since"]);
  });
});
