// The dashboard's shared figures: the same filters get the same computation until something is
// written (then the next load is exact again); bad filters are refused and not remembered.
import { describe, expect, it } from "vitest";
import { pgPool } from "@/lib/db/pg";
import { appendEvents } from "@/lib/testing/audit-events";
import { metricsFor, pageMetrics } from "./cache";

describe("shared dashboard figures", () => {
  it("shares one computation between loads until an audited write moves the trail", async () => {
    const first = metricsFor({ days: "45" });
    const second = metricsFor({ days: "45", team: "" }); // an empty filter is no filter
    const [a, b] = await Promise.all([first, second]);
    expect(b.metrics).toBe(a.metrics);
    expect((await metricsFor({ days: "45" })).metrics).toBe(a.metrics);
    expect((await metricsFor({ days: "46" })).metrics).not.toBe(a.metrics);

    // Someone signs in: no figure moves, the figures are still shared.
    await appendEvents(pgPool(), 1, {
      action: "auth.signed_in",
      subjectType: "session",
      payload: { provider: "demo" },
    });
    expect((await metricsFor({ days: "45" })).metrics).toBe(a.metrics);
    await appendEvents(pgPool(), 1); // an audited write that may move a figure
    const after = await metricsFor({ days: "45" });
    expect(after.metrics).not.toBe(a.metrics);
    expect(after.metrics.generatedAt >= a.metrics.generatedAt).toBe(true);
  });

  it("refuses bad filters by field and does not remember them; the page falls back to 90 days", async () => {
    await expect(metricsFor({ tier: "9" })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(metricsFor({ tier: "9" })).rejects.toMatchObject({ code: "VALIDATION" });
    const page = await pageMetrics({ tier: "9" });
    expect(page.problem).toMatch(/tier/);
    expect(page.metrics.filters.tier).toBeNull();
  });
});
