// One answer to "who may sign this change" (issue 12): for every kind of person, the routing
// preview, the queue, the review page and the approval itself agree. Each person is asked about a
// fresh change, so an earlier approval cannot decide a later answer.
import { beforeAll, describe, expect, it } from "vitest";
import { can } from "@/lib/authz/can";
import type { PersonActor } from "@/lib/domain/actor";
import { AppError } from "@/lib/errors";
import {
  ownershipWorld,
  type OwnershipWorld,
  type PersonKind,
} from "@/lib/testing/ownership-world";
import { approval } from "@/lib/testing/changes";
import { previewRouting } from "@/lib/server/routing/preview";
import { queueFiltersSchema, queuePage } from "@/lib/server/queue";
import { saveChange } from "./save";
import { reviewChange } from "./review";
import { reviewPageData } from "./review-page";

let people: OwnershipWorld["people"];
let repo: string;

beforeAll(async () => {
  ({ people, repo } = await ownershipWorld(3));
});

interface Answers {
  preview: boolean;
  queue: boolean;
  page: boolean;
  approval: boolean;
}

async function answers(person: PersonActor, aiExtent: "GENERATED" | "NONE"): Promise<Answers> {
  const body = {
    repository: repo,
    paths: ["src/app.ts"],
    linesChanged: 40,
    aiExtent,
    coAuthors: [people.coAuthor.handle],
  };
  const preview = await previewRouting(people.author, body);
  const { key } = await saveChange(people.author, {
    ...body,
    submit: true,
    title: "Retry card authorisation on timeout",
    intent: "Timeouts at peak fail checkouts; one jittered retry recovers most of them.",
    aiTools: aiExtent === "NONE" ? [] : ["Claude Code"],
    aiWrote: "The retry helper.",
  });
  const candidate = preview.requirements[0]!.candidates.find((c) => c.handle === person.handle);
  const queue =
    can(person, "queue:read") &&
    (await queuePage(person, queueFiltersSchema.parse({}), 500)).rows.some((r) => r.key === key);
  const page = (await reviewPageData(person, key)).canReview;
  const signed = await reviewChange(person, key, approval()).then(
    () => true,
    (error) => {
      if (error instanceof AppError && error.code === "FORBIDDEN") return false;
      throw error;
    },
  );
  return {
    preview: candidate
      ? candidate.verdict.startsWith("ELIGIBLE") || candidate.verdict.startsWith("SKIPPED")
      : false,
    queue,
    page,
    approval: signed,
  };
}

const yes: Answers = { preview: true, queue: true, page: true, approval: true };
const no: Answers = { preview: false, queue: false, page: false, approval: false };

describe("queue, preview, review page and approval agree", () => {
  // An AI-assisted change by a JUNIOR: approvers must be SENIOR or above.
  it.each<[PersonKind, Answers]>([
    ["junior", no],
    ["midOwner", no],
    ["seniorOwner", yes],
    ["codeownerOfPath", yes],
    ["codeownerOfOtherPath", no],
    ["seniorNonOwner", no],
    ["principal", yes],
    ["author", no],
    ["coAuthor", no],
    ["manager", no],
    ["admin", no],
    ["outOfOffice", yes],
  ])("an AI-assisted change by a junior: %s", async (kind, expected) => {
    expect(await answers(people[kind], "GENERATED")).toEqual(expected);
  });

  // No AI: a MID owner may sign a tier-3 change.
  it.each<[PersonKind, Answers]>([
    ["junior", no],
    ["midOwner", yes],
    ["seniorOwner", yes],
    ["codeownerOfOtherPath", no],
    ["author", no],
    ["manager", no],
  ])("a change written without AI: %s", async (kind, expected) => {
    expect(await answers(people[kind], "NONE")).toEqual(expected);
  });
});
