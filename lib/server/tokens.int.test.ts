// API tokens, the API's rate limits and Idempotency-Key, and the gate by commit, against PostgreSQL.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeRepository, makeSystem, makeTeam, makeUser } from "@/prisma/factories";
import { asSessionUser } from "@/lib/testing/actors";
import { approval, openedAgo, submitAiChange } from "@/lib/testing/changes";
import { AppError, toErrorBody } from "@/lib/errors";
import { authenticateToken, createToken, listTokens, revokeToken } from "./tokens";
import { countApiRequest } from "./api-limits";
import { idempotent } from "./idempotency";
import { changeGate, gateByCommit, listChangesForApi, listChangesQuerySchema } from "./changes/api";
import { reviewChange } from "./changes/review";
import { reviseChange } from "./changes/transitions";

const name = (what: string) => `${what}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
const person = async (level: "JUNIOR" | "SENIOR" = "JUNIOR", roles: ("ADMIN" | "MANAGER")[] = []) =>
  asSessionUser(await makeUser(db, { level, roles }));

async function code(promise: Promise<unknown>) {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe("API tokens", () => {
  it("shows the secret once, keeps only its hash, and authenticates it as its owner", async () => {
    const owner = await person();
    const { token, secret } = await createToken(owner, {
      name: name("ci"),
      scopes: ["changes:read", "gate:read"],
    });
    expect(secret).toMatch(/^cs_[A-Za-z0-9_-]{43}$/);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.secretHash).not.toContain(secret.slice(3));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(token.prefix).toBe(`${secret.slice(0, 8)}…`);
    expect((await listTokens(owner, "mine")).map((t) => t.name)).toEqual([token.name]);

    const actor = await authenticateToken(secret);
    expect(actor).toMatchObject({ kind: "token", id: owner.id, handle: owner.handle });
    expect(actor.token.scopes).toEqual(["changes:read", "gate:read"]);
    const used = await db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(used.lastUsedAt).not.toBeNull();
  });

  it("refuses an unknown, malformed, revoked or expired secret with 401", async () => {
    const owner = await person();
    const expiresAt = new Date(Date.now() + 3600_000).toISOString();
    const { token, secret } = await createToken(owner, {
      name: name("exp"),
      scopes: ["gate:read"],
      expiresAt,
    });
    expect(await code(authenticateToken(secret))).toBe("ok");
    expect(await code(authenticateToken(secret, new Date(Date.now() + 7200_000)))).toBe(
      "UNAUTHENTICATED",
    );
    expect(await code(authenticateToken(`cs_${"x".repeat(43)}`))).toBe("UNAUTHENTICATED");
    expect(await code(authenticateToken("not-a-token"))).toBe("UNAUTHENTICATED");
    await revokeToken(owner, token.name);
    await expect(authenticateToken(secret)).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message: "The token was revoked.",
    });
    // Revoking twice changes nothing and records nothing.
    const events = await db.auditEvent.count({
      where: { action: "token.revoked", subjectId: token.id },
    });
    await revokeToken(owner, token.id);
    expect(
      await db.auditEvent.count({ where: { action: "token.revoked", subjectId: token.id } }),
    ).toBe(events);
  });

  it("never gives a token wider scopes than its owner, and only admins name another owner", async () => {
    const junior = await person("JUNIOR");
    const admin = await person("SENIOR", ["ADMIN"]);
    await expect(
      createToken(junior, { name: name("wide"), scopes: ["audit:read"] }),
    ).rejects.toMatchObject({
      code: "UNPROCESSABLE",
      details: [{ field: "scopes", message: expect.stringContaining("audit:read") }],
    });
    // An admin cannot lend a junior the admin's own reach either.
    await expect(
      createToken(admin, { name: name("lent"), owner: junior.email, scopes: ["metrics:read"] }),
    ).rejects.toMatchObject({ code: "UNPROCESSABLE" });
    expect(
      await code(
        createToken(admin, { name: name("for"), owner: junior.email, scopes: ["gate:read"] }),
      ),
    ).toBe("ok");
    expect(
      await code(
        createToken(junior, { name: name("other"), owner: admin.email, scopes: ["gate:read"] }),
      ),
    ).toBe("FORBIDDEN");
    const taken = name("taken");
    await createToken(junior, { name: taken, scopes: ["gate:read"] });
    expect(await code(createToken(junior, { name: taken, scopes: ["gate:read"] }))).toBe(
      "CONFLICT",
    );
    expect(await code(createToken(junior, { name: name("x"), scopes: [] }))).toBe("VALIDATION");
    expect(await code(createToken(junior, { name: name("x"), scopes: ["changes:approve"] }))).toBe(
      "VALIDATION",
    );
    expect(
      await code(
        createToken(junior, {
          name: name("past"),
          scopes: ["gate:read"],
          expiresAt: "2020-01-01T00:00Z",
        }),
      ),
    ).toBe("VALIDATION");
  });

  it("a token cannot mint or revoke tokens", async () => {
    const owner = await person();
    const { secret, token } = await createToken(owner, {
      name: name("mint"),
      scopes: ["changes:write"],
    });
    const actor = await authenticateToken(secret);
    expect(await code(createToken(actor, { name: name("child"), scopes: ["gate:read"] }))).toBe(
      "FORBIDDEN",
    );
    expect(await code(revokeToken(actor, token.id))).toBe("FORBIDDEN");
  });
});

describe("API rate limits", () => {
  it("answers 429 with Retry-After once the token's window is spent, and counts the person too", async () => {
    const owner = await person();
    const { secret } = await createToken(owner, { name: name("burst"), scopes: ["gate:read"] });
    const actor = await authenticateToken(secret);
    const limits = { perToken: 3, perPerson: 5, windowSeconds: 60 };
    const at = new Date("2026-12-05T12:00:10Z");
    for (let i = 0; i < 3; i++) await countApiRequest(actor, limits, at);
    const refused = await countApiRequest(actor, limits, at).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    const { status, headers } = toErrorBody(refused);
    expect(status).toBe(429);
    expect(headers?.["retry-after"]).toBe("50");
    // The person's own window: 4 counted so far; the fifth passes, the sixth does not.
    await countApiRequest(owner, limits, at);
    expect(await code(countApiRequest(owner, limits, at))).toBe("TOO_MANY_REQUESTS");
    // A new window starts afresh.
    expect(await code(countApiRequest(actor, limits, new Date("2026-12-05T12:01:00Z")))).toBe("ok");
  });
});

describe("Idempotency-Key", () => {
  it("the same key and body answer the first result without doing it again; another body is a 409", async () => {
    const owner = await person();
    const key = name("idem");
    let runs = 0;
    const work = async () => ({ n: ++runs });
    const first = await idempotent(owner, key, "POST /test", { a: 1, b: [1, 2] }, work);
    const again = await idempotent(owner, key, "POST /test", { b: [1, 2], a: 1 }, work);
    expect(first).toEqual({ status: 201, body: { n: 1 }, replayed: false });
    expect(again).toEqual({ status: 201, body: { n: 1 }, replayed: true });
    expect(runs).toBe(1);
    await expect(idempotent(owner, key, "POST /test", { a: 2 }, work)).rejects.toMatchObject({
      code: "CONFLICT",
    });
    // Keys are per person and per operation.
    expect((await idempotent(await person(), key, "POST /test", { a: 2 }, work)).body).toEqual({
      n: 2,
    });
    expect((await idempotent(owner, key, "POST /other", { a: 2 }, work)).body).toEqual({ n: 3 });
  });

  it("a request that failed frees its key for a corrected retry", async () => {
    const owner = await person();
    const key = name("idem-fail");
    await expect(
      idempotent(owner, key, "POST /test", { a: 1 }, async () => {
        throw new AppError("VALIDATION", "bad");
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    const ok = await idempotent(owner, key, "POST /test", { a: 2 }, async () => 1);
    expect(ok.replayed).toBe(false);
  });
  // The key is kept in the work's own transaction: a fault between the work and keeping its answer
  // (here a trigger refusing the write; in life a lost connection or a killed process) cannot
  // leave the work done with its key free, so the retry does it once (issue 17, fault tests).
  it("a fault while keeping the answer undoes the work too: the retry does it exactly once", async () => {
    const owner = await person();
    const key = name("fail-store");
    const tokenName = name("idem-token");
    const create = () => createToken(owner, { name: tokenName, scopes: ["gate:read"] });
    await db.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION idem_fault() RETURNS trigger AS $$
      BEGIN
        IF NEW.key LIKE 'fail-store-%' AND NEW.status IS NOT NULL THEN
          RAISE EXCEPTION 'connection lost while keeping the answer';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`CREATE OR REPLACE TRIGGER idem_fault BEFORE INSERT OR UPDATE
      ON "IdempotencyKey" FOR EACH ROW EXECUTE FUNCTION idem_fault()`);
    try {
      await expect(idempotent(owner, key, "POST /tokens", { n: 1 }, create)).rejects.toThrow(
        /connection lost/,
      );
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER idem_fault ON "IdempotencyKey"`);
    }
    const retried = await idempotent(owner, key, "POST /tokens", { n: 1 }, create);
    const again = await idempotent(owner, key, "POST /tokens", { n: 1 }, create);
    expect(again).toEqual({ ...retried, replayed: true });
    expect(await db.apiToken.count({ where: { name: tokenName } })).toBe(1);
  });

  it("two requests with the same key at once: one does the work, the other answers its result", async () => {
    const owner = await person();
    const key = name("idem-race");
    const tokenName = name("race-token");
    const create = () => createToken(owner, { name: tokenName, scopes: ["gate:read"] });
    const answers = await Promise.all([
      idempotent(owner, key, "POST /tokens", { n: 1 }, create),
      idempotent(owner, key, "POST /tokens", { n: 1 }, create),
    ]);
    expect(answers[0].body).toEqual(answers[1].body);
    expect(answers.filter((a) => a.replayed)).toHaveLength(1);
    expect(await db.apiToken.count({ where: { name: tokenName } })).toBe(1);
  });
});

describe("the gate and the change list", () => {
  async function world() {
    const team = await makeTeam(db);
    const seniors = [
      asSessionUser(await makeUser(db, { level: "SENIOR", teamId: team.id })),
      asSessionUser(await makeUser(db, { level: "SENIOR", teamId: team.id })),
    ];
    const system = await makeSystem(db, { tier: 3, owningTeamId: team.id });
    const repo = await makeRepository(db, {
      rules: [{ pattern: "*", systemId: system.id, teamIds: [team.id] }],
    });
    return { seniors, system, repo: repo.name, author: await person() };
  }

  it("asks by commit: the current revision's commit answers, an older revision's never does", async () => {
    const w = await world();
    const { key } = await submitAiChange(w.author, w.repo, { commit: "AB12CD34EF" });
    const pending = await gateByCommit(w.author, { repository: w.repo, commit: "ab12cd3" });
    expect(pending).toMatchObject({ key, allowed: false, status: "PENDING", revision: 1 });
    expect(pending.unmet.map((u) => u.system)).toEqual([w.system.slug]);

    for (const senior of w.seniors) {
      await openedAgo(senior, key, 600);
      await reviewChange(senior, key, approval());
    }
    expect((await changeGate(w.author, key)).allowed).toBe(true);
    expect(
      (await gateByCommit(w.author, { repository: w.repo, commit: "ab12cd34ef" })).allowed,
    ).toBe(true);

    await reviseChange(w.author, key, {
      paths: ["src/retry.ts"],
      linesChanged: 61,
      commit: "ffee0011",
    });
    const old = await gateByCommit(w.author, { repository: w.repo, commit: "ab12cd34ef" });
    expect(old).toMatchObject({ allowed: false, revision: 2 });
    expect(old.reason).toMatch(/revision 1/);
    expect(await code(gateByCommit(w.author, { repository: w.repo, commit: "0000000" }))).toBe(
      "NOT_FOUND",
    );
    expect(
      await code(gateByCommit(w.author, { repository: "other/repo", commit: "ffee0011" })),
    ).toBe("NOT_FOUND");
  });

  it("lists with filters and a cursor, drafts only for their authors", async () => {
    const w = await world();
    const keys = [];
    for (let i = 0; i < 3; i++) keys.push((await submitAiChange(w.author, w.repo)).key);
    const draft = (await submitAiChange(w.author, w.repo, { submit: false })).key;
    const q = (over: Record<string, unknown>) =>
      listChangesQuerySchema.parse({ repository: w.repo, limit: "2", ...over });
    const first = await listChangesForApi(w.author, q({}));
    expect(first.changes.map((c) => c.key)).toEqual([draft, keys[2]]);
    const second = await listChangesForApi(w.author, q({ cursor: first.nextCursor }));
    expect(second.changes.map((c) => c.key)).toEqual([keys[1], keys[0]]);
    expect(second.nextCursor).toBeNull();
    const other = await listChangesForApi(w.seniors[0]!, q({ limit: "10" }));
    expect(other.changes.map((c) => c.key)).toEqual([...keys].reverse());
    const pending = await listChangesForApi(
      w.author,
      q({ status: "PENDING", limit: "10", author: w.author.handle }),
    );
    expect(pending.changes.map((c) => c.key)).toEqual([...keys].reverse());
    expect(() => listChangesQuerySchema.parse({ cursor: "abc" })).toThrow();
  });
});
