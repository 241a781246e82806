import { describe, expect, it } from "vitest";
import { metricsQuerySchema } from "./filters";

describe("metricsQuerySchema", () => {
  it.each([
    [{ from: "2026-13-45", to: "yesterday" }, ["from", "to"]],
    [{ from: "2026-12-01T00:00", to: "yesterday" }, ["to"]],
    [{ from: "2026-12-02T00:00", to: "2026-12-01T00:00" }, ["to"]],
    [{ from: "2024-01-01T00:00", to: "2026-12-01T00:00" }, ["to"]],
    [{ days: "abc", tier: "9" }, ["days", "tier"]],
  ])("refuses %j naming %j, without throwing", (query, fields) => {
    const parsed = metricsQuerySchema.safeParse(query);
    expect(parsed.success).toBe(false);
    expect([...new Set(parsed.error!.issues.map((i) => i.path.join(".")))].sort()).toEqual(fields);
  });

  it("accepts a well-formed range", () => {
    expect(
      metricsQuerySchema.safeParse({ from: "2026-11-01T00:00", to: "2026-12-01T00:00", tier: "1" })
        .success,
    ).toBe(true);
  });
});
