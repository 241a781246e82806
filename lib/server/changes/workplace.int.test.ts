// The reviewer's workplace against PostgreSQL: conversations on the diff that carry over to the
// next revision, the AI session attached with its secrets masked, and second looks at approvals.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeRepository, makeSystem, makeTeam, makeUser } from "@/prisma/factories";
import { asSessionUser } from "@/lib/testing/actors";
import { approval, openedAgo, submitAiChange } from "@/lib/testing/changes";
import type { PersonActor } from "@/lib/domain/actor";
import { AppError } from "@/lib/errors";
import { REV1, REV2 } from "@/lib/testing/pay-diffs";
import { DEFAULT_SHARES } from "@/lib/domain/review/second-look";
import { reviewChange } from "./review";
import { reviseChange } from "./transitions";
import { replyToThread, setThreadResolved, startThread, threadsOf } from "./threads";
import { attachTranscript, transcriptsOf } from "./transcripts";
import {
  decideSecondLook,
  requestSecondLook,
  secondLookFigures,
  secondLooksOf,
} from "./second-look";

interface World {
  author: PersonActor;
  seniors: PersonActor[];
  outsider: PersonActor;
  manager: PersonActor;
  repo: string;
  teamSlug: string;
}

async function world(tier = 2): Promise<World> {
  const manager = asSessionUser(await makeUser(db, { level: "SENIOR", roles: ["MANAGER"] }));
  const team = await makeTeam(db, { managerId: manager.id });
  const author = asSessionUser(await makeUser(db, { level: "JUNIOR", teamId: team.id }));
  const seniors: PersonActor[] = [];
  for (let i = 0; i < 3; i++)
    seniors.push(asSessionUser(await makeUser(db, { level: "SENIOR", teamId: team.id })));
  const outsider = asSessionUser(await makeUser(db, { level: "JUNIOR" }));
  const system = await makeSystem(db, { tier, owningTeamId: team.id });
  const repo = await makeRepository(db, {
    rules: [{ pattern: "*", systemId: system.id, teamIds: [team.id] }],
  });
  return { author, seniors, outsider, manager, repo: repo.name, teamSlug: team.slug };
}

const code = (error: unknown) => (error instanceof AppError ? error.code : String(error));
const fails = async (p: Promise<unknown>) =>
  code(
    await p.then(
      () => "ok",
      (e: unknown) => e,
    ),
  );

let w: World;
beforeEach(async () => {
  w = await world();
});

async function submitted() {
  return (
    await submitAiChange(w.author, w.repo, { diff: REV1, paths: [], linesChanged: undefined })
  ).key;
}

describe("conversations on the diff", () => {
  it("comments on lines, replies, resolves, and carries threads to the next revision", async () => {
    const key = await submitted();
    const [s1] = w.seniors;
    const onTimeout = await startThread(s1!, key, {
      revision: 1,
      path: "src/pay.ts",
      side: "NEW",
      startLine: 3,
      body: "Why 2000 ms? @" + w.seniors[1]!.handle,
    });
    const onReturn = await startThread(s1!, key, {
      revision: 1,
      path: "src/pay.ts",
      side: "NEW",
      startLine: 4,
      endLine: 5,
      body: "```suggestion\nexport async function pay(amount: number) {\n```",
    });
    await startThread(s1!, key, { revision: 1, body: "Overall fine, two questions." });
    const requested = await reviewChange(s1!, key, {
      revision: 1,
      decision: "REQUEST_CHANGES",
      comment: "See the two threads.",
      threads: [onTimeout.threadId, onReturn.threadId],
    });
    expect(requested.status).toBe("CHANGES_REQUESTED");
    const review = await db.review.findFirstOrThrow({
      where: { change: { key }, reviewerId: s1!.id },
    });
    expect(review.threadIds.sort()).toEqual([onTimeout.threadId, onReturn.threadId].sort());

    await replyToThread(w.author, key, onTimeout.threadId, { body: "Dropped it in revision 2." });
    await setThreadResolved(w.author, key, onTimeout.threadId, { resolved: true });
    await reviseChange(w.author, key, { diff: REV2, note: "Dropped the timeout; 4 retries." });

    const change = await db.changeRequest.findUniqueOrThrow({
      where: { key },
      select: { id: true, revisions: { where: { number: 2 }, select: { note: true, diff: true } } },
    });
    expect(change.revisions[0]!.note).toBe("Dropped the timeout; 4 retries.");
    const threads = await threadsOf(change.id, 2, change.revisions[0]!.diff);
    const byId = new Map(threads.map((t) => [t.id, t]));
    // The timeout line is gone: outdated. The function's lines moved down by one: carried over.
    expect(byId.get(onTimeout.threadId)).toMatchObject({
      outdated: true,
      placed: null,
      resolved: true,
    });
    expect(byId.get(onReturn.threadId)).toMatchObject({
      outdated: false,
      placed: { path: "src/pay.ts", side: "NEW", startLine: 5, endLine: 6 },
      resolved: false,
    });
    expect(byId.get(onTimeout.threadId)!.comments.map((c) => c.body)).toEqual([
      `Why 2000 ms? @${w.seniors[1]!.handle}`,
      "Dropped it in revision 2.",
    ]);
    expect(threads.find((t) => t.path === null)).toMatchObject({ outdated: false, placed: null });

    // The mentioned senior and the author heard; the commenter did not hear of their own words.
    const notes = await db.notification.findMany({ where: { changeKey: key } });
    expect(notes.some((n) => n.userId === w.seniors[1]!.id && n.kind === "MENTIONED")).toBe(true);
    expect(notes.some((n) => n.userId === w.author.id && n.kind === "COMMENTED")).toBe(true);
    expect(notes.some((n) => n.userId === s1!.id && n.kind === "COMMENTED")).toBe(true); // the reply
    expect(notes.some((n) => n.userId === s1!.id && n.title.includes(s1!.name))).toBe(false);
    const events = await db.auditEvent.findMany({
      where: { changeKey: key, action: { in: ["comment.added", "thread.resolved"] } },
    });
    expect(events.map((e) => e.action).sort()).toEqual([
      "comment.added",
      "comment.added",
      "comment.added",
      "comment.added",
      "thread.resolved",
    ]);
  });

  it("refuses lines not in the diff, old revisions, drafts, and resolving by an outsider", async () => {
    const key = await submitted();
    const [s1] = w.seniors;
    expect(
      await fails(
        startThread(s1!, key, { revision: 1, path: "src/pay.ts", startLine: 90, body: "x" }),
      ),
    ).toBe("VALIDATION");
    expect(
      await fails(
        startThread(s1!, key, { revision: 1, path: "src/nope.ts", startLine: 1, body: "x" }),
      ),
    ).toBe("VALIDATION");
    expect(await fails(startThread(s1!, key, { revision: 1, side: "NEW", body: "x" }))).toBe(
      "VALIDATION",
    );
    expect(await fails(startThread(s1!, key, { revision: 2, body: "x" }))).toBe("CONFLICT");
    expect(await fails(startThread(s1!, key, { revision: 1, body: "   " }))).toBe("VALIDATION");
    const { threadId } = await startThread(s1!, key, { revision: 1, body: "A question." });
    expect(await fails(setThreadResolved(w.outsider, key, threadId, { resolved: true }))).toBe(
      "FORBIDDEN",
    );
    expect(await fails(replyToThread(s1!, key, "no-such-thread", { body: "x" }))).toBe("NOT_FOUND");
    // A request for changes points only at open threads of this change.
    await setThreadResolved(s1!, key, threadId, { resolved: true });
    expect(
      await fails(
        reviewChange(s1!, key, {
          revision: 1,
          decision: "REQUEST_CHANGES",
          comment: "Fix it.",
          threads: [threadId],
        }),
      ),
    ).toBe("VALIDATION");
    const draft = await submitAiChange(w.author, w.repo, { submit: false });
    expect(await fails(startThread(w.author, draft.key, { revision: 1, body: "note" }))).toBe(
      "CONFLICT",
    );
    expect(await fails(startThread(w.outsider, draft.key, { revision: 1, body: "note" }))).toBe(
      "NOT_FOUND",
    );
  });
});

describe("the AI session beside the code", () => {
  it("stores the parsed session with secrets masked, for the authors only", async () => {
    const key = await submitted();
    const session = [
      {
        type: "user",
        sessionId: "s",
        message: { role: "user", content: "Use ghp_abcdefghijklmnopqrstuvwxyz0123456789 to fetch" },
      },
      {
        type: "assistant",
        sessionId: "s",
        message: {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "Retries should be bounded." },
            { type: "text", text: "Done." },
          ],
        },
      },
    ];
    const result = await attachTranscript(w.author, key, {
      fileName: "session.jsonl",
      content: session.map((l) => JSON.stringify(l)).join("\n"),
    });
    expect(result).toMatchObject({ source: "Claude Code session", messages: 3, secretsMasked: 1 });
    const change = await db.changeRequest.findUniqueOrThrow({ where: { key } });
    const [stored] = await transcriptsOf(change.id);
    expect(stored!.messages[0]).toEqual({
      role: "user",
      text: "Use [masked GitHub token] to fetch",
    });
    expect(
      JSON.stringify(await db.aiTranscript.findMany({ where: { changeId: change.id } })),
    ).not.toContain("ghp_");
    expect(
      await fails(attachTranscript(w.seniors[0]!, key, { fileName: "x.md", content: "hi" })),
    ).toBe("FORBIDDEN");
    expect(
      await fails(attachTranscript(w.author, key, { fileName: "../x.md", content: "hi" })),
    ).toBe("VALIDATION");
    expect(
      await fails(
        attachTranscript(w.author, key, {
          fileName: "big.txt",
          content: "x".repeat(5 * 1024 * 1024 + 1),
        }),
      ),
    ).toBe("VALIDATION");
  });
});

describe("a second look at approvals", () => {
  it("samples an approval when the draw says so, and the concern reaches the approvers and the manager", async () => {
    const key = await submitted();
    const [s1, s2, s3] = w.seniors;
    await openedAgo(s1!, key, 600);
    // Tier 2 needs one approval; a draw under the base share samples it.
    const result = await reviewChange(s1!, key, approval(), {
      secondLook: { draw: () => 0, shares: DEFAULT_SHARES },
    });
    expect(result.status).toBe("APPROVED");
    const change = await db.changeRequest.findUniqueOrThrow({ where: { key } });
    const [look] = await secondLooksOf(change.id);
    // The approver opened no file: a possible rubber stamp, the strongest reason to sample.
    expect(look).toMatchObject({ reason: "RUBBER_STAMP", verdict: null });
    expect([s2!.id, s3!.id]).toContain(look!.reviewer.id);
    const looker = look!.reviewer.id === s2!.id ? s2! : s3!;
    expect(await fails(decideSecondLook(s1!, key, { verdict: "AGREE" }))).toBe("FORBIDDEN");
    expect(await fails(decideSecondLook(looker, key, { verdict: "CONCERN", comment: "hm" }))).toBe(
      "VALIDATION",
    );
    await decideSecondLook(looker, key, {
      verdict: "CONCERN",
      comment: "The retry is not idempotent.",
    });
    expect(await fails(decideSecondLook(looker, key, { verdict: "AGREE" }))).toBe("CONFLICT");
    const concerns = await db.notification.findMany({
      where: { changeKey: key, kind: "SECOND_LOOK_CONCERN" },
    });
    expect(concerns.map((n) => n.userId).sort()).toEqual([s1!.id, w.manager.id].sort());
    const figures = await secondLookFigures(new Date(Date.now() - 3600_000));
    expect(figures.approvers.find((a) => a.key === s1!.handle)).toMatchObject({
      sampled: 1,
      decided: 1,
      agreed: 0,
      concerns: 1,
    });
    expect(figures.teams.find((t) => t.key === w.teamSlug)).toMatchObject({
      sampled: 1,
      concerns: 1,
    });
  });

  it("does not sample when the draw is over the share, and a manager may ask for one", async () => {
    const key = await submitted();
    await openedAgo(w.seniors[0]!, key, 600);
    await reviewChange(w.seniors[0]!, key, approval(), {
      secondLook: { draw: () => 0.99, shares: DEFAULT_SHARES },
    });
    const change = await db.changeRequest.findUniqueOrThrow({ where: { key } });
    expect(await secondLooksOf(change.id)).toEqual([]);
    expect(await fails(requestSecondLook(w.author, key))).toBe("FORBIDDEN");
    const asked = await requestSecondLook(w.manager, key);
    expect([w.seniors[1]!.handle, w.seniors[2]!.handle, w.manager.handle]).toContain(
      asked.reviewer,
    );
    expect(await fails(requestSecondLook(w.manager, key))).toBe("CONFLICT");
    const pending = await submitted();
    expect(await fails(requestSecondLook(w.manager, pending))).toBe("CONFLICT");
  });
});
