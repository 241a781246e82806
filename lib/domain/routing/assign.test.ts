import { describe, expect, it } from "vitest";
import { assignReviewers, reviewWeight, type RoutingRequirement } from "./assign";
import { evaluateCandidate, type CandidatePerson, type OwnershipVia } from "./eligibility";
import type { Level } from "@/lib/domain/levels";

const now = new Date("2026-11-22T12:00:00Z");
const team: OwnershipVia[] = [{ kind: "team", team: "checkout" }];
let n = 0;
const person = (
  name: string,
  level: Level,
  over: Partial<CandidatePerson> = {},
): CandidatePerson => ({
  id: `p-${name}-${n++}`,
  name,
  handle: name.toLowerCase(),
  level,
  active: true,
  outOfOfficeUntil: null,
  openReviews: 0,
  openLoad: 0,
  lastAssignedAt: null,
  ...over,
});

function requirement(
  key: string,
  people: CandidatePerson[],
  approvals: number,
  opts: { minLevel?: Level; principal?: boolean; authorId?: string } = {},
): RoutingRequirement {
  return {
    key,
    approvalsRequired: approvals,
    principalRequired: opts.principal ?? false,
    candidates: people.map((p) =>
      evaluateCandidate(p, team, {
        minLevel: opts.minLevel ?? "SENIOR",
        now,
        authorId: opts.authorId,
      }),
    ),
  };
}

const names = (outcome: { assigned: { personId: string }[] }, people: CandidatePerson[]) =>
  outcome.assigned.map((a) => people.find((p) => p.id === a.personId)!.name);

describe("assignReviewers", () => {
  it("picks the lowest weighted load", () => {
    const people = [
      person("Ann", "SENIOR", { openLoad: 5, openReviews: 3 }),
      person("Bob", "SENIOR", { openLoad: 1, openReviews: 1 }),
      person("Cy", "SENIOR", { openLoad: 2, openReviews: 1 }),
    ];
    const [out] = assignReviewers([requirement("r", people, 2)], { changeLines: 50, now });
    expect(out!.state).toBe("ROUTED");
    expect(names(out!, people)).toEqual(["Bob", "Cy"]);
    expect(out!.assigned[0]!.reason).toMatch(/lowest review load/);
  });

  it("breaks ties round-robin: the least recently assigned first, never-assigned before all", () => {
    const people = [
      person("Ann", "SENIOR", { lastAssignedAt: new Date("2026-11-22T10:00:00Z") }),
      person("Bob", "SENIOR", { lastAssignedAt: new Date("2026-11-21T10:00:00Z") }),
      person("Cy", "SENIOR", { lastAssignedAt: null }),
    ];
    const [out] = assignReviewers([requirement("r", people, 2)], { changeLines: 10, now });
    expect(names(out!, people)).toEqual(["Cy", "Bob"]);
  });

  it("never assigns the author, people below the level, out of office or at capacity", () => {
    const author = person("Author", "SENIOR");
    const people = [
      author,
      person("Mid", "MID"),
      person("Away", "SENIOR", { outOfOfficeUntil: new Date("2026-12-01T00:00:00Z") }),
      person("Busy", "SENIOR", { openReviews: 8 }),
      person("Free", "SENIOR", { openLoad: 9 }),
    ];
    const [out] = assignReviewers([requirement("r", people, 1, { authorId: author.id })], {
      changeLines: 10,
      now,
    });
    expect(names(out!, people)).toEqual(["Free"]);
  });

  it("is UNROUTABLE when too few people are eligible, and says why", () => {
    const author = person("Author", "SENIOR");
    const people = [author, person("Mid", "MID"), person("Jun", "JUNIOR"), person("Sen", "SENIOR")];
    const [out] = assignReviewers([requirement("r", people, 2, { authorId: author.id })], {
      changeLines: 10,
      now,
    });
    expect(out!.state).toBe("UNROUTABLE");
    expect(out!.reason).toBe(
      "needs 2 distinct eligible reviewers, only 1 is eligible (others: author; MID below SENIOR; JUNIOR below SENIOR)",
    );
    expect(out!.assigned).toEqual([]);
  });

  it("is UNROUTABLE with nobody eligible at all", () => {
    const [out] = assignReviewers([requirement("r", [], 1)], { changeLines: 10, now });
    expect(out!.reason).toBe("needs 1 distinct eligible reviewer, none is eligible");
  });

  it("is UNROUTABLE when a PRINCIPAL is required and none is eligible", () => {
    const people = [person("S1", "SENIOR"), person("S2", "SENIOR")];
    const [out] = assignReviewers([requirement("r", people, 1, { principal: true })], {
      changeLines: 10,
      now,
    });
    expect(out!.state).toBe("UNROUTABLE");
    expect(out!.reason).toMatch(/PRINCIPAL/);
  });

  it("assigns a PRINCIPAL first when required, then fills by load", () => {
    const people = [
      person("Sen", "SENIOR"),
      person("Pri", "PRINCIPAL", { openLoad: 20, openReviews: 4 }),
      person("Sen2", "SENIOR", { openLoad: 1 }),
    ];
    const [out] = assignReviewers([requirement("r", people, 2, { principal: true })], {
      changeLines: 10,
      now,
    });
    expect(names(out!, people)).toEqual(["Pri", "Sen"]);
    expect(out!.assigned[0]!.reason).toMatch(/PRINCIPAL required/);
  });

  it("is SHORT_STAFFED when the eligible are away: assigns whom it can, explains the rest", () => {
    const away = { outOfOfficeUntil: new Date("2026-12-01T00:00:00Z") };
    const people = [
      person("In", "SENIOR"),
      person("Away1", "SENIOR", away),
      person("Away2", "SENIOR", away),
    ];
    const [out] = assignReviewers([requirement("r", people, 2)], { changeLines: 10, now });
    expect(out!.state).toBe("SHORT_STAFFED");
    expect(names(out!, people)).toEqual(["In"]);
    expect(out!.reason).toMatch(/1 more reviewer needed/);
  });

  it("one reviewer counts toward every requirement they are eligible for", () => {
    const shared = person("Shared", "PRINCIPAL");
    const a = [shared, person("A1", "SENIOR", { openLoad: 3 })];
    const b = [shared, person("B1", "SENIOR", { openLoad: 3 })];
    const [ra, rb] = assignReviewers([requirement("a", a, 2), requirement("b", b, 1)], {
      changeLines: 10,
      now,
    });
    expect(names(ra!, a)).toEqual(["Shared", "A1"]);
    expect(rb!.assigned).toEqual([]);
    expect(rb!.counted).toEqual([shared.id]);
    expect(rb!.state).toBe("ROUTED");
  });

  it("keeps reviewers already on the change and only tops up", () => {
    const people = [
      person("Kept", "SENIOR", { openLoad: 50 }),
      person("New", "SENIOR"),
      person("Other", "SENIOR", { openLoad: 2 }),
    ];
    const [out] = assignReviewers([requirement("r", people, 2)], {
      changeLines: 10,
      now,
      keep: [people[0]!.id],
    });
    expect(names(out!, people)).toEqual(["New"]);
    expect(out!.counted).toEqual([people[0]!.id, people[1]!.id]);
  });

  it("serves the strictest requirement first; the others reuse its reviewers", () => {
    const p = [person("X", "SENIOR"), person("Y", "SENIOR", { openLoad: 0.5 })];
    const [r1, r2] = assignReviewers([requirement("r1", p, 1), requirement("r2", p, 2)], {
      changeLines: 1000,
      now,
    });
    expect(names(r2!, p)).toEqual(["X", "Y"]);
    expect(r1!.assigned).toEqual([]);
    expect(r1!.state).toBe("ROUTED");
  });

  it("counts what it just assigned when choosing for the next requirement", () => {
    const x = person("X", "SENIOR");
    const y = person("Y", "SENIOR", { openLoad: 2 });
    const z = person("Z", "SENIOR", { openLoad: 3 });
    // X takes the first requirement; for the second, X's load has grown by the change's weight (5).
    const [r1, r2] = assignReviewers([requirement("r1", [x, z], 1), requirement("r2", [y, z], 1)], {
      changeLines: 1000,
      now,
    });
    expect(names(r1!, [x, z])).toEqual(["X"]);
    expect(names(r2!, [y, z])).toEqual(["Y"]);
  });

  it.each([
    [0, 1],
    [250, 2],
    [1000, 5],
    [50_000, 9],
  ])("a %i-line change weighs %d", (lines, weight) => {
    expect(reviewWeight(lines)).toBe(weight);
  });
});
