// The demo's review timings come from its reviews: a change's first review is its earliest
// review, a change nobody reviewed has none, and the SLA is breached exactly when that first
// review (or now, for a change still waiting) came after the due time.
import { describe, expect, it } from "vitest";
import { buildDemoOrganisation } from "./demo-org";
import { buildDemoHistory } from "./demo-history";

const now = new Date("2026-12-01T12:00:00Z");
const history = buildDemoHistory(buildDemoOrganisation(now), now);

describe("demo history", () => {
  const firstReview = new Map<string, number>();
  for (const r of history.reviews)
    firstReview.set(r.changeId, Math.min(firstReview.get(r.changeId) ?? Infinity, +r.createdAt));

  it("a change's first-review time is its earliest seeded review, and none without one", () => {
    const wrong = history.changes.filter(
      (c) => (c.firstReviewAt ? +c.firstReviewAt : null) !== (firstReview.get(c.id) ?? null),
    );
    expect(history.reviews.length).toBeGreaterThan(1000);
    expect(wrong.map((c) => c.key)).toEqual([]);
  });

  it("an SLA breach is a first review after the due time, or none before the change closed (or now)", () => {
    const wrong = history.changes.filter((c) => {
      if (!c.slaDueAt) return c.slaBreachedAt !== null;
      const first = firstReview.get(c.id);
      const waitingPast = first === undefined && +(c.closedAt ?? now) > +c.slaDueAt;
      const breached = (first !== undefined && first > +c.slaDueAt) || waitingPast;
      return breached !== (c.slaBreachedAt !== null);
    });
    expect(wrong.map((c) => c.key)).toEqual([]);
  });
});
