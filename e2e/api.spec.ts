// Contract tests of the pipeline API against the started portal: each endpoint with a token, each
// scope (403 without it), token expiry and revocation, Idempotency-Key, 413, 415, 429. The scope
// checks are driven by the OpenAPI document itself, so a new endpoint is covered without edits.
import type { APIRequestContext } from "@playwright/test";
import {
  test,
  expect,
  createToken,
  bearer,
  checkoutChange,
  signInAs,
  SAME_ORIGIN,
} from "./fixtures";

const change = checkoutChange;

async function json(response: Awaited<ReturnType<APIRequestContext["get"]>>) {
  return (await response.json()) as Record<string, unknown> & {
    error?: { code: string; message: string; details?: { field: string }[] };
  };
}

test("a token acts for its owner on each pipeline endpoint", async ({
  page,
  request,
  createPerson,
}) => {
  test.setTimeout(120_000);
  const author = await createPerson({ level: "MID" });
  const secret = await createToken(page, author, [
    "changes:read",
    "changes:write",
    "gate:read",
    "deployments:write",
  ]);
  const auth = bearer(secret);
  const commit = `${Date.now().toString(16)}abcdef`.slice(0, 12);

  // POST /changes, then the same Idempotency-Key and body again: the same change.
  const idem = `e2e-${commit}`;
  const created = await request.post("/api/v1/changes", {
    headers: { ...auth, "idempotency-key": idem },
    data: change({ commit }),
  });
  expect(created.status()).toBe(201);
  const { key } = (await created.json()) as { key: string };
  const again = await request.post("/api/v1/changes", {
    headers: { ...auth, "idempotency-key": idem },
    data: change({ commit }),
  });
  expect(again.status()).toBe(201);
  expect(again.headers()["idempotent-replayed"]).toBe("true");
  expect(((await again.json()) as { key: string }).key).toBe(key);
  const conflict = await request.post("/api/v1/changes", {
    headers: { ...auth, "idempotency-key": idem },
    data: change({ commit, title: "Another change entirely" }),
  });
  expect(conflict.status()).toBe(409);
  expect((await json(conflict)).error?.details?.[0]?.field).toBe("Idempotency-Key");

  // GET /changes with filters, and GET /changes/{key}.
  const list = await request.get(
    `/api/v1/changes?author=${author.handle}&repository=acme/storefront&status=PENDING`,
    { headers: auth },
  );
  expect(list.status()).toBe(200);
  expect(((await list.json()) as { changes: { key: string }[] }).changes.map((c) => c.key)).toEqual(
    [key],
  );
  const detail = await json(await request.get(`/api/v1/changes/${key}`, { headers: auth }));
  expect(detail).toMatchObject({ key, status: "PENDING", currentRevision: { number: 1, commit } });
  expect((detail.requirements as unknown[]).length).toBeGreaterThan(0);
  expect((detail.gate as { allowed: boolean }).allowed).toBe(false);

  // The gate, by key and by commit.
  const gate = await json(await request.get(`/api/v1/changes/${key}/gate`, { headers: auth }));
  expect(gate).toMatchObject({ key, allowed: false, status: "PENDING", emergency: false });
  expect((gate.unmet as { system: string; needed: number; have: number }[])[0]).toMatchObject({
    have: 0,
  });
  const byCommit = await request.get(`/api/v1/gate?repository=acme/storefront&commit=${commit}`, {
    headers: auth,
  });
  expect(await json(byCommit)).toMatchObject({ key, allowed: false });

  // A deployment before sign-off is a 409 and records nothing.
  const early = await request.post(`/api/v1/changes/${key}/deployments`, {
    headers: auth,
    data: { environment: "production", commit },
  });
  expect(early.status()).toBe(409);

  // A new revision, idempotent too.
  const revision = {
    paths: ["apps/web/checkout/card-retry.ts"],
    linesChanged: 14,
    commit: "abcdef1234",
  };
  const rev = await request.post(`/api/v1/changes/${key}/revisions`, {
    headers: { ...auth, "idempotency-key": `${idem}-r2` },
    data: revision,
  });
  expect(rev.status()).toBe(201);
  const revAgain = await request.post(`/api/v1/changes/${key}/revisions`, {
    headers: { ...auth, "idempotency-key": `${idem}-r2` },
    data: revision,
  });
  expect(revAgain.headers()["idempotent-replayed"]).toBe("true");
  expect(
    (
      (await json(await request.get(`/api/v1/changes/${key}`, { headers: auth })))
        .currentRevision as { number: number }
    ).number,
  ).toBe(2);

  // POST /routing/preview writes nothing and answers the requirements.
  const preview = await request.post("/api/v1/routing/preview", {
    headers: auth,
    data: {
      repository: "acme/storefront",
      paths: ["apps/web/checkout/x.ts"],
      linesChanged: 3,
      aiExtent: "ASSISTED",
    },
  });
  expect(preview.status()).toBe(200);
  expect(
    ((await preview.json()) as { requirements: unknown[] }).requirements.length,
  ).toBeGreaterThan(0);
});

test("a token can never approve, and no token reaches an endpoint without its scope", async ({
  page,
  request,
  createPerson,
}) => {
  // An owner with every permission, so that only the token's scopes decide.
  const owner = await createPerson({ level: "PRINCIPAL", roles: ["ADMIN", "MANAGER"] });
  const onlyMetrics = await createToken(page, owner, ["metrics:read"]);
  const onlyGate = await createToken(page, owner, ["gate:read"]);
  const everything = await createToken(page, owner, [
    "changes:read",
    "changes:write",
    "gate:read",
    "deployments:write",
    "incidents:write",
    "audit:read",
    "metrics:read",
  ]);
  const document = (await (await request.get("/api/v1/openapi.json")).json()) as {
    paths: Record<string, Record<string, { "x-countersign-scopes"?: string[] }>>;
  };
  let checked = 0;
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const scopes = operation["x-countersign-scopes"];
      if (!scopes) continue; // /openapi.json itself
      const url = `/api/v1${path.replace(/\{[^}]+\}/g, "CR-1")}`;
      // A token holding none of the scopes the operation accepts (any token, for portal-only ones).
      const token = scopes.includes("metrics:read")
        ? onlyGate
        : scopes.length
          ? onlyMetrics
          : everything;
      const response = await request.fetch(url, {
        method: method.toUpperCase(),
        headers: { ...bearer(token), "content-type": "application/json" },
        data: method === "get" ? undefined : "{}",
      });
      expect(response.status(), `${method.toUpperCase()} ${path}`).toBe(403);
      const body = await json(response);
      expect(body.error?.code).toBe("FORBIDDEN");
      expect(body.error?.message).toMatch(
        scopes.length ? /lacks the .* scope/ : /for people in the portal/,
      );
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(20);
  // With every scope there is, a token still cannot sign off.
  const approve = await request.post("/api/v1/changes/CR-1/reviews", {
    headers: bearer(everything),
    data: { revision: 1, decision: "APPROVE", attestation: "I read every line and it is right." },
  });
  expect(approve.status()).toBe(403);
});

test("expired and revoked tokens are refused; a wrong scheme is a 401", async ({
  page,
  request,
  createPerson,
}) => {
  const person = await createPerson({ level: "SENIOR" });
  const soon = await createToken(page, person, ["gate:read"], {
    expiresAt: new Date(Date.now() + 3000).toISOString(),
  });
  expect(
    (await request.get("/api/v1/changes/CR-1/gate", { headers: bearer(soon) })).status(),
  ).not.toBe(401);
  await page.waitForTimeout(3500);
  const expired = await request.get("/api/v1/changes/CR-1/gate", { headers: bearer(soon) });
  expect(expired.status()).toBe(401);
  expect((await json(expired)).error?.message).toBe("The token expired.");

  const name = `e2e-revoke-${Date.now()}`;
  const secret = await createToken(page, person, ["gate:read"], { name });
  const tokens = (await (await page.request.get("/api/v1/tokens")).json()) as {
    tokens: { id: string; name: string; lastUsedAt: string | null }[];
  };
  const id = tokens.tokens.find((t) => t.name === name)!.id;
  expect(
    (await request.get("/api/v1/changes/CR-1/gate", { headers: bearer(secret) })).status(),
  ).not.toBe(401);
  expect(
    (await page.request.delete(`/api/v1/tokens/${id}`, { headers: SAME_ORIGIN })).status(),
  ).toBe(200);
  const revoked = await request.get("/api/v1/changes/CR-1/gate", { headers: bearer(secret) });
  expect(revoked.status()).toBe(401);
  expect((await json(revoked)).error?.message).toBe("The token was revoked.");
  // Its last use shows in the list.
  const after = (await (await page.request.get("/api/v1/tokens")).json()) as typeof tokens;
  expect(after.tokens.find((t) => t.id === id)!.lastUsedAt).not.toBeNull();

  for (const authorization of [
    "Basic dXNlcjpwYXNz",
    "Bearer",
    `Bearer ${"x".repeat(20)}`,
    "token abc",
  ]) {
    const response = await request.get("/api/v1/changes", { headers: { authorization } });
    expect(response.status(), authorization).toBe(401);
  }
});

test("an oversized body is a 413, a wrong media type a 415, bad input a 400 naming the field, and nothing is saved", async ({
  page,
  request,
  createPerson,
  db,
}) => {
  const author = await createPerson({ level: "MID" });
  const auth = bearer(await createToken(page, author, ["changes:write"]));
  const before = await db.changeRequest.count({ where: { authorId: author.id } });
  const huge = await request.post("/api/v1/changes", {
    headers: auth,
    data: change({ diff: `diff --git a/x b/x\n${"+".repeat(9 * 1024 * 1024)}` }),
  });
  expect(huge.status()).toBe(413);
  expect((await json(huge)).error?.code).toBe("PAYLOAD_TOO_LARGE");
  const sixMb = await request.post("/api/v1/changes", {
    headers: auth,
    data: change({ diff: `diff --git a/x b/x\n${"+".repeat(6 * 1024 * 1024)}` }),
  });
  expect(sixMb.status()).toBe(400);
  expect((await json(sixMb)).error?.details?.map((d) => d.field)).toContain("diff");
  const text = await request.post("/api/v1/changes", {
    headers: { ...auth, "content-type": "text/plain" },
    data: JSON.stringify(change()),
  });
  expect(text.status()).toBe(415);
  const bad = await request.post("/api/v1/changes", {
    headers: auth,
    data: change({ aiExtent: "SOME", commit: "not-a-sha" }),
  });
  expect(bad.status()).toBe(400);
  expect((await json(bad)).error?.details?.map((d) => d.field).sort()).toEqual([
    "aiExtent",
    "commit",
  ]);
  expect(await db.changeRequest.count({ where: { authorId: author.id } })).toBe(before);
});

test("a burst past the token's rate limit gets 429 with Retry-After; another token is unaffected", async ({
  page,
  request,
  createPerson,
}) => {
  test.setTimeout(120_000);
  const person = await createPerson({ level: "SENIOR" });
  const noisy = bearer(await createToken(page, person, ["gate:read"]));
  const quiet = bearer(await createToken(page, person, ["gate:read"]));
  // The e2e server allows 100 per token per minute: 201 requests overflow whichever window.
  const statuses: number[] = [];
  let retryAfter: string | undefined;
  for (let batch = 0; batch < 201; batch += 67) {
    const responses = await Promise.all(
      Array.from({ length: Math.min(67, 201 - batch) }, () =>
        request.get("/api/v1/changes/CR-1/gate", { headers: noisy }),
      ),
    );
    for (const r of responses) {
      statuses.push(r.status());
      if (r.status() === 429) retryAfter ??= r.headers()["retry-after"];
    }
  }
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  expect(Number(retryAfter)).toBeGreaterThan(0);
  expect(Number(retryAfter)).toBeLessThanOrEqual(60);
  expect((await request.get("/api/v1/changes/CR-1/gate", { headers: quiet })).status()).not.toBe(
    429,
  );
});

test("the audit trail streams as NDJSON from a sequence number; metrics and incidents take their scopes", async ({
  page,
  request,
  createPerson,
  db,
}) => {
  const system = await db.system.findFirstOrThrow({
    orderBy: { slug: "asc" },
    select: { slug: true },
  });
  const manager = await createPerson({ level: "SENIOR", roles: ["MANAGER"] });
  const auth = bearer(
    await createToken(page, manager, ["audit:read", "metrics:read", "incidents:write"]),
  );
  const all = await request.get("/api/v1/audit", { headers: auth });
  expect(all.status()).toBe(200);
  expect(all.headers()["content-type"]).toContain("application/x-ndjson");
  const lines = (await all.text())
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { seq: number; hash: string });
  expect(lines.length).toBeGreaterThan(1);
  const last = lines.at(-1)!.seq;
  const tail = await request.get(`/api/v1/audit?since=${last - 1}`, { headers: auth });
  const tailLines = (await tail.text())
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { seq: number });
  expect(tailLines[0]!.seq).toBe(last);
  expect((await request.get("/api/v1/audit?since=-1", { headers: auth })).status()).toBe(400);

  const metrics = await request.get("/api/v1/metrics?days=30", { headers: auth });
  expect(metrics.status()).toBe(200);
  const incident = await request.post("/api/v1/incidents", {
    headers: auth,
    data: {
      title: "Checkout errors after a deploy",
      severity: "SEV3",
      startedAt: new Date(Date.now() - 60_000).toISOString(),
      detectedAt: new Date(Date.now() - 30_000).toISOString(),
      systems: [system.slug],
    },
  });
  expect(incident.status(), await incident.text()).toBe(201);
  // The write is audited with the token as the actor, acting for its owner.
  await signInAs(page, await createPerson({ level: "SENIOR", roles: ["ADMIN"] }));
  const events = await request.get(`/api/v1/audit?since=${last}`, { headers: auth });
  const recorded = (await events.text())
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { action: string; actor: { type: string; name: string } })
    .find((e) => e.action === "incident.recorded");
  expect(recorded?.actor.type).toBe("TOKEN");
  expect(recorded?.actor.name).toContain(`@${manager.handle}`);
});
