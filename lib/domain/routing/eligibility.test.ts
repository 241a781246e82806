import { describe, expect, it } from "vitest";
import {
  evaluateCandidate,
  evaluateCandidates,
  type CandidatePerson,
  type OwnershipVia,
} from "./eligibility";

const now = new Date("2026-11-22T12:00:00Z");
const person = (over: Partial<CandidatePerson> = {}): CandidatePerson => ({
  id: "p1",
  name: "Pat Reviewer",
  handle: "pat",
  level: "SENIOR",
  active: true,
  outOfOfficeUntil: null,
  ...over,
});
const team: OwnershipVia[] = [{ kind: "team", team: "checkout" }];

describe("evaluateCandidate", () => {
  it.each([
    [
      "owner at level",
      person(),
      team,
      { minLevel: "SENIOR" },
      "ELIGIBLE",
      "eligible: Senior, member of checkout",
    ],
    [
      "principal above level",
      person({ level: "PRINCIPAL" }),
      team,
      { minLevel: "SENIOR" },
      "ELIGIBLE",
      "eligible: Principal, member of checkout",
    ],
    [
      "mid below senior",
      person({ level: "MID" }),
      team,
      { minLevel: "SENIOR" },
      "EXCLUDED_LEVEL",
      "excluded: MID below SENIOR",
    ],
    [
      "junior below mid",
      person({ level: "JUNIOR" }),
      team,
      { minLevel: "MID" },
      "EXCLUDED_LEVEL",
      "excluded: JUNIOR below MID",
    ],
    [
      "mid meets mid",
      person({ level: "MID" }),
      team,
      { minLevel: "MID" },
      "ELIGIBLE",
      "eligible: Mid-level, member of checkout",
    ],
    [
      "author",
      person(),
      team,
      { minLevel: "SENIOR", authorId: "p1" },
      "EXCLUDED_AUTHOR",
      "excluded: author",
    ],
    [
      "co-author",
      person(),
      team,
      { minLevel: "SENIOR", coAuthorIds: ["x", "p1"] },
      "EXCLUDED_CO_AUTHOR",
      "excluded: co-author",
    ],
    [
      "inactive",
      person({ active: false }),
      team,
      { minLevel: "SENIOR" },
      "EXCLUDED_INACTIVE",
      "excluded: inactive",
    ],
    [
      "not an owner",
      person(),
      [],
      { minLevel: "SENIOR" },
      "EXCLUDED_NOT_OWNER",
      "excluded: not an owner",
    ],
    [
      "out of office",
      person({ outOfOfficeUntil: new Date("2026-12-01T00:00:00Z") }),
      team,
      { minLevel: "SENIOR" },
      "SKIPPED_OUT_OF_OFFICE",
      "skipped: out of office until 2026-12-01",
    ],
    [
      "back from leave",
      person({ outOfOfficeUntil: new Date("2026-11-21T00:00:00Z") }),
      team,
      { minLevel: "SENIOR" },
      "ELIGIBLE",
      "eligible: Senior, member of checkout",
    ],
    [
      "at capacity",
      person({ openReviews: 8 }),
      team,
      { minLevel: "SENIOR" },
      "SKIPPED_AT_CAPACITY",
      "skipped: at capacity (8 open reviews, limit 8)",
    ],
    [
      "below capacity",
      person({ openReviews: 7 }),
      team,
      { minLevel: "SENIOR" },
      "ELIGIBLE",
      "eligible: Senior, member of checkout",
    ],
    [
      "custom capacity",
      person({ openReviews: 3 }),
      team,
      { minLevel: "SENIOR", capacity: 3 },
      "SKIPPED_AT_CAPACITY",
      "skipped: at capacity (3 open reviews, limit 3)",
    ],
    [
      "extra approver",
      person(),
      [{ kind: "extra-user" }],
      { minLevel: "SENIOR" },
      "ELIGIBLE",
      "eligible: Senior, extra approver",
    ],
    [
      "extra team",
      person(),
      [{ kind: "extra-team", team: "sre" }],
      { minLevel: "SENIOR" },
      "ELIGIBLE",
      "eligible: Senior, extra approver through sre",
    ],
    [
      "codeowner",
      person(),
      [{ kind: "codeowner", pattern: "/db/" }],
      { minLevel: "SENIOR" },
      "ELIGIBLE",
      "eligible: Senior, CODEOWNERS /db/",
    ],
    [
      "author who is also inactive: author wins",
      person({ active: false }),
      team,
      { minLevel: "SENIOR", authorId: "p1" },
      "EXCLUDED_AUTHOR",
      "excluded: author",
    ],
    [
      "author even at principal",
      person({ level: "PRINCIPAL" }),
      team,
      { minLevel: "MID", authorId: "p1" },
      "EXCLUDED_AUTHOR",
      "excluded: author",
    ],
  ] as const)("%s", (_name, who, via, ctx, verdict, reason) => {
    const result = evaluateCandidate(who, [...via], {
      now,
      ...ctx,
      coAuthorIds: "coAuthorIds" in ctx ? [...ctx.coAuthorIds] : undefined,
    });
    expect(result.verdict).toBe(verdict);
    expect(result.reason).toBe(reason);
    expect(result.assignable).toBe(verdict === "ELIGIBLE");
    expect(result.mayApprove).toBe(verdict === "ELIGIBLE" || verdict.startsWith("SKIPPED"));
  });
});

describe("evaluateCandidates", () => {
  it("lists eligible people first, highest level first, then by name", () => {
    const list = evaluateCandidates(
      [
        { person: person({ id: "a", name: "Zed", level: "SENIOR" }), via: team },
        { person: person({ id: "b", name: "Amy", level: "MID" }), via: team },
        { person: person({ id: "c", name: "Bob", level: "PRINCIPAL" }), via: team },
        { person: person({ id: "d", name: "Cat", level: "SENIOR" }), via: team },
      ],
      { minLevel: "SENIOR", now, authorId: "d" },
    );
    expect(list.map((c) => c.person.name)).toEqual(["Bob", "Zed", "Amy", "Cat"]);
  });
});
