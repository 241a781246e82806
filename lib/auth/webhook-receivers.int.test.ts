// The webhook receivers as a sender meets them: signatures checked before anything is written,
// deliveries received once, and incident tools' events turned into incidents with their suspects.
import { createHmac } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import examples from "@octokit/webhooks-examples";
import { db } from "@/lib/db";
import { makeUser } from "@/prisma/factories";
import { asSessionUser } from "@/lib/testing/actors";
import { approval, openedAgo, ownedRepository, submitAiChange } from "@/lib/testing/changes";
import { reviewChange } from "@/lib/server/changes/review";
import { recordDeployment } from "@/lib/server/changes/transitions";
import { createConnection, mapService } from "@/lib/server/integrations/connections";
import { processDelivery } from "@/lib/server/integrations/deliveries";
import { webhookReceiver as route } from "./webhook-receivers";

process.env.INTEGRATIONS_KEY ??= "integration-tests-key-0123456789";
const unique = () => `${Date.now()}${Math.random().toString(36).slice(2, 6)}`;
/** The receiver, called as Next.js calls a route handler. */
const webhookReceiver =
  (kind: Parameters<typeof route>[0]) =>
  (req: NextRequest): Promise<Response> =>
    route(kind)(req, { params: Promise.resolve({}) });
const hmac = (secret: string, text: string) =>
  createHmac("sha256", secret).update(text).digest("hex");

function post(path: string, text: string, headers: Record<string, string>) {
  return new NextRequest(`http://localhost${path}`, {
    method: "POST",
    body: text,
    headers: { "content-type": "application/json", ...headers },
  });
}

const pullRequestExample = () => {
  const group = (examples as { name: string; examples: Record<string, unknown>[] }[]).find(
    (e) => e.name === "pull_request",
  )!;
  return structuredClone(group.examples.find((e) => e.action === "opened")!);
};

async function connection(kind: "GITHUB" | "GITLAB" | "PAGERDUTY" | "INCIDENT_WEBHOOK") {
  const admin = asSessionUser(await makeUser(db, { level: "SENIOR", roles: ["ADMIN"] }));
  const secret = `secret-${unique()}-0123456789`;
  const { id } = await createConnection(admin, {
    kind,
    name: `${kind}-${unique()}`,
    secret,
    ...(kind === "GITHUB" || kind === "GITLAB"
      ? { token: "t", baseUrl: "http://127.0.0.1:9" }
      : {}),
  });
  return { admin, id, secret };
}

const deliveries = (integrationId: string) =>
  db.webhookDelivery.count({ where: { integrationId } });

describe("the GitHub webhook", () => {
  it("refuses a missing or wrong signature with 401 and writes nothing", async () => {
    const { id, secret } = await connection("GITHUB");
    const text = JSON.stringify(pullRequestExample());
    const headers = { "x-github-event": "pull_request", "x-github-delivery": unique() };
    const receive = webhookReceiver("GITHUB");
    const missing = await receive(post("/", text, headers));
    expect(missing.status).toBe(401);
    expect((await missing.json()).error.code).toBe("UNAUTHENTICATED");
    const wrong = await receive(
      post("/", text, { ...headers, "x-hub-signature-256": `sha256=${hmac("not-it", text)}` }),
    );
    expect(wrong.status).toBe(401);
    const tampered = await receive(
      post("/", text.replace("opened", "closed"), {
        ...headers,
        "x-hub-signature-256": `sha256=${hmac(secret, text)}`,
      }),
    );
    expect(tampered.status).toBe(401);
    expect(await deliveries(id)).toBe(0);
  });

  it("receives a signed delivery once: a redelivery of the same id is answered 200 and changes nothing", async () => {
    const { id, secret } = await connection("GITHUB");
    const text = JSON.stringify(pullRequestExample());
    const headers = {
      "x-github-event": "pull_request",
      "x-github-delivery": unique(),
      "x-hub-signature-256": `sha256=${hmac(secret, text)}`,
    };
    const receive = webhookReceiver("GITHUB");
    const first = await receive(post("/", text, headers));
    expect(first.status).toBe(202);
    const again = await receive(post("/", text, headers));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
    expect(await deliveries(id)).toBe(1);
  });

  it("refuses another media type and a body past the limit", async () => {
    const receive = webhookReceiver("GITHUB");
    const form = await receive(
      new NextRequest("http://localhost/", {
        method: "POST",
        body: "payload=%7B%7D",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
    );
    expect(form.status).toBe(415);
    const huge = await receive(post("/", `"${"x".repeat(6 * 1024 * 1024)}"`, {}));
    expect(huge.status).toBe(413);
  });
});

describe("the GitLab webhook", () => {
  it("checks X-Gitlab-Token", async () => {
    const { id, secret } = await connection("GITLAB");
    const text = JSON.stringify({ object_kind: "merge_request" });
    const receive = webhookReceiver("GITLAB");
    const headers = { "x-gitlab-event": "Merge Request Hook", "x-gitlab-event-uuid": unique() };
    expect((await receive(post("/", text, { ...headers, "x-gitlab-token": "nope" }))).status).toBe(
      401,
    );
    expect((await receive(post("/", text, { ...headers, "x-gitlab-token": secret }))).status).toBe(
      202,
    );
    expect(await deliveries(id)).toBe(1);
  });
});

describe("incidents from PagerDuty and the generic webhook", () => {
  async function deployedChange() {
    const { seniors, system, repo } = await ownedRepository();
    const author = asSessionUser(await makeUser(db, { level: "MID" }));
    const { key } = await submitAiChange(author, repo.name);
    for (const senior of seniors) {
      await openedAgo(senior, key, 600);
      await reviewChange(senior, key, approval());
    }
    await recordDeployment(author, key, {
      kind: "deployed",
      environment: "production",
      at: new Date(Date.now() - 10 * 60_000).toISOString(),
    });
    return { key, system, author, seniors };
  }

  it("incident.triggered records the incident with its suspect and tells its people; resolved sets the time", async () => {
    const deployed = await deployedChange();
    const { id, secret, admin } = await connection("PAGERDUTY");
    const service = `P${unique().slice(-6).toUpperCase()}`;
    await mapService(admin, id, {
      externalId: service,
      name: "Checkout API",
      system: deployed.system.slug,
    });
    const incidentId = `Q${unique()}`;
    const event = (type: string, eventId: string) =>
      JSON.stringify({
        event: {
          id: eventId,
          event_type: type,
          resource_type: "incident",
          occurred_at: new Date().toISOString(),
          agent: null,
          client: null,
          data: {
            id: incidentId,
            type: "incident",
            self: `https://api.pagerduty.com/incidents/${incidentId}`,
            html_url: `https://acme.pagerduty.com/incidents/${incidentId}`,
            number: 2,
            status: type === "incident.resolved" ? "resolved" : "triggered",
            incident_key: "d3640fbd41094207a1c11e58e46b1662",
            created_at: new Date(Date.now() - 60_000).toISOString(),
            title: "Checkout error rate above 5%",
            service: { id: service, summary: "Checkout API", type: "service_reference" },
            priority: { id: "PSO75BM", summary: "P1", type: "priority_reference" },
            urgency: "high",
          },
        },
      });
    const receive = webhookReceiver("PAGERDUTY");
    const triggered = event("incident.triggered", unique());
    const bad = await receive(post("/", triggered, { "x-pagerduty-signature": "v1=00" }));
    expect(bad.status).toBe(401);
    const ok = await receive(
      post("/", triggered, {
        "x-pagerduty-signature": `v1=${hmac("old-secret", triggered)},v1=${hmac(secret, triggered)}`,
      }),
    );
    expect(ok.status).toBe(202);
    const row = await db.webhookDelivery.findFirstOrThrow({ where: { integrationId: id } });
    const result = await processDelivery(row.id);
    expect(result.outcome, result.detail).toBe("DONE");
    expect(result.detail).toContain(deployed.key);
    const incident = await db.incident.findUniqueOrThrow({
      where: { source_externalId: { source: "pagerduty", externalId: incidentId } },
    });
    expect(incident).toMatchObject({
      severity: "SEV1",
      status: "INVESTIGATING",
      reportedById: null,
    });
    expect(
      await db.notification.count({
        where: {
          kind: "INCIDENT_SUSPECT",
          changeKey: deployed.key,
          userId: { in: [deployed.author.id, ...deployed.seniors.map((s) => s.id)] },
        },
      }),
    ).toBe(3);

    const resolved = event("incident.resolved", unique());
    await receive(post("/", resolved, { "x-pagerduty-signature": `v1=${hmac(secret, resolved)}` }));
    const second = await db.webhookDelivery.findFirstOrThrow({
      where: { integrationId: id, event: "incident.resolved" },
    });
    expect((await processDelivery(second.id)).outcome).toBe("DONE");
    const after = await db.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(after.status).toBe("RESOLVED");
    expect(after.resolvedAt).not.toBeNull();
  });

  it("the generic webhook names a bad field with 400 and writes nothing", async () => {
    const { id, secret } = await connection("INCIDENT_WEBHOOK");
    const text = JSON.stringify({ id: "e1", event: "exploded", incident: {}, at: "soon" });
    const response = await webhookReceiver("INCIDENT_WEBHOOK")(
      post("/", text, { "x-countersign-signature-256": `sha256=${hmac(secret, text)}` }),
    );
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.details.map((d: { field: string }) => d.field)).toContain("event");
    expect(await deliveries(id)).toBe(0);
  });
});
