import { randomUUID } from "node:crypto";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import { db } from "@/lib/db";
import { freePort } from "@/lib/db/embedded";
import { makeRepository, makeSystem, makeTeam, makeUser } from "@/prisma/factories";
import { asSessionUser } from "@/lib/testing/actors";
import { saveChange } from "@/lib/server/changes/save";
import { startWorker, type Worker } from "./worker";
import { QUEUES, SCHEMA } from "./boss";

interface Mail {
  to: string[];
  raw: string;
}

/** A real SMTP server; `refuse` may answer a message with a temporary failure (451) instead. */
function mailbox(
  port: number,
  refuse: (raw: string) => boolean = () => false,
): Promise<{ server: SMTPServer; mails: Mail[] }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, done) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString()));
      stream.on("end", () => {
        if (refuse(raw))
          return done(Object.assign(new Error("try again later"), { responseCode: 451 }));
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        done();
      });
    },
  });
  return new Promise((resolve) =>
    server.listen(port, "127.0.0.1", () => resolve({ server, mails })),
  );
}

async function waitFor<T>(check: () => T | undefined, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 200));
  }
}

let port: number;
let worker: Worker;
const saved = { ...process.env };

beforeAll(async () => {
  port = await freePort();
  Object.assign(process.env, {
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(port),
    MAIL_FROM: "Countersign <countersign@test.example>",
    PUBLIC_URL: "http://portal.test",
  });
  worker = await startWorker(process.env.DATABASE_URL!);
});

afterAll(async () => {
  await worker.stop();
  process.env = saved;
});

async function assignedChange() {
  const team = await makeTeam(db);
  const reviewer = await makeUser(db, { level: "SENIOR", teamId: team.id });
  const system = await makeSystem(db, { tier: 3, owningTeamId: team.id });
  const repo = await makeRepository(db, {
    rules: [{ pattern: "*", systemId: system.id, teamIds: [team.id] }],
  });
  const author = asSessionUser(await makeUser(db, { level: "JUNIOR" }));
  const saved = await saveChange(author, {
    submit: true,
    title: "Mail me about this",
    intent: "Exercises the notification e-mail path end to end.",
    repository: repo.name,
    aiExtent: "NONE",
    paths: ["a.ts"],
    linesChanged: 2,
  });
  return { reviewer, key: saved.key };
}

describe("notification e-mail", () => {
  it("reaches a real SMTP server with the right recipient and link", async () => {
    const { server, mails } = await mailbox(port);
    try {
      const { reviewer, key } = await assignedChange();
      const mail = await waitFor(() => mails.find((m) => m.to.includes(reviewer.email)));
      expect(mail.raw).toMatch(new RegExp(`Subject: \\[Countersign\\] ${key} is assigned to you`));
      expect(mail.raw).toContain(`http://portal.test/changes/${key}`);
      expect(await db.notification.count({ where: { userId: reviewer.id, changeKey: key } })).toBe(
        1,
      );
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it("a failed SMTP server never fails the request; the job is retried until the mail goes out", async () => {
    // No SMTP server is listening: the submission still succeeds at once.
    const started = Date.now();
    const { reviewer, key } = await assignedChange();
    expect(Date.now() - started).toBeLessThan(10_000);
    await new Promise((r) => setTimeout(r, 2500)); // the first attempt fails
    const { server, mails } = await mailbox(port);
    try {
      const mail = await waitFor(() => mails.find((m) => m.to.includes(reviewer.email)), 60_000);
      expect(mail.raw).toContain(key);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  }, 90_000);

  // Found by the fault tests (npm run test:faults, (c)): the worker takes mail in batches, and a
  // batch failed as a whole sent again the messages before the one refused.
  it("a message refused in the middle of a batch leaves the others delivered once", async () => {
    const refusedOnce = new Set<string>();
    const mailId = (raw: string) => /^X-Countersign-Mail: (.*)$/im.exec(raw)?.[1]?.trim() ?? "";
    let seen = 0;
    // Every second new message is refused once with a temporary failure.
    const { server, mails } = await mailbox(port, (raw) => {
      const id = mailId(raw);
      if (refusedOnce.has(id) || mails.some((m) => mailId(m.raw) === id) || seen++ % 2 === 0)
        return false;
      refusedOnce.add(id);
      return true;
    });
    const received = () => {
      const counts = new Map<string, number>();
      for (const m of mails) counts.set(mailId(m.raw), (counts.get(mailId(m.raw)) ?? 0) + 1);
      return counts;
    };
    const boss = new PgBoss({ connectionString: process.env.DATABASE_URL!, schema: SCHEMA });
    try {
      await boss.start();
      const ids = Array.from({ length: 4 }, () => randomUUID());
      await boss.insert(
        ids.map((id) => ({
          name: QUEUES.email,
          data: { id, to: "someone@test.example", subject: "Batch", text: "Hello", link: "/" },
        })),
      );
      await waitFor(() => ids.every((id) => received().has(id)) || undefined, 80_000);
      await new Promise((r) => setTimeout(r, 1000)); // a duplicate would arrive with the retries
      expect(refusedOnce.size).toBeGreaterThan(0);
      expect(ids.map((id) => received().get(id))).toEqual([1, 1, 1, 1]);
    } finally {
      await boss.stop({ graceful: false });
      await new Promise<void>((r) => server.close(() => r()));
    }
  }, 100_000);
});
