// Slack messages and signed outbound webhooks, against PostgreSQL and a local HTTP receiver that
// records what it gets and can fail on demand.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeUser } from "@/prisma/factories";
import { asSessionUser } from "@/lib/testing/actors";
import { ownedRepository, submitAiChange } from "@/lib/testing/changes";
import { AppError } from "@/lib/errors";
import {
  createEndpoint,
  deliverOutbound,
  MAX_ATTEMPTS,
  redeliverOutbound,
  signature,
} from "./outbound";

process.env.INTEGRATIONS_KEY ??= "integration-tests-key-0123456789";
const unique = () => `${Date.now()}${Math.random().toString(36).slice(2, 6)}`;

interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}
const received: Received[] = [];
let answer = 200;
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      res.writeHead(answer).end(answer === 200 ? "ok" : "no");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const admin = async () => asSessionUser(await makeUser(db, { level: "SENIOR", roles: ["ADMIN"] }));
const deliveriesOf = (endpointId: string) =>
  db.outboundDelivery.findMany({ where: { endpointId }, orderBy: { createdAt: "asc" } });

describe("outbound webhooks", () => {
  it("sends the events it is subscribed to, signed like GitHub's, and retries a failing receiver", async () => {
    const secret = `hook-secret-${unique()}`;
    const { id } = await createEndpoint(await admin(), {
      kind: "WEBHOOK",
      name: `hook-${unique()}`,
      url: `${url}/hook`,
      secret,
      events: ["change.submitted"],
    });
    const owned = await ownedRepository();
    const author = asSessionUser(await makeUser(db, { level: "MID" }));
    const { key } = await submitAiChange(author, owned.repo.name);
    const [delivery, ...more] = await deliveriesOf(id);
    expect(more).toEqual([]);
    expect(delivery).toMatchObject({ event: "change.submitted", status: "PENDING" });

    answer = 503;
    await expect(deliverOutbound(delivery!.id)).rejects.toThrow(/503/);
    expect((await deliveriesOf(id))[0]).toMatchObject({
      status: "PENDING",
      attempts: 1,
      responseStatus: 503,
    });
    answer = 200;
    expect(await deliverOutbound(delivery!.id)).toBe("delivered");
    const got = received.at(-1)!;
    expect(got.headers["x-countersign-event"]).toBe("change.submitted");
    expect(got.headers["x-countersign-delivery"]).toBe(delivery!.id);
    expect(got.headers["x-countersign-signature-256"]).toBe(signature(secret, got.body));
    expect(JSON.parse(got.body)).toMatchObject({ event: "change.submitted", changeKey: key });
    expect((await deliveriesOf(id))[0]).toMatchObject({ status: "DELIVERED", attempts: 2 });
  });

  it("gives up on a 4xx at once, and after the last attempt; an admin can redeliver", async () => {
    const a = await admin();
    const { id } = await createEndpoint(a, {
      kind: "WEBHOOK",
      name: `hook-${unique()}`,
      url: `${url}/gone`,
      secret: `hook-secret-${unique()}`,
    });
    const owned = await ownedRepository();
    await submitAiChange(asSessionUser(await makeUser(db, { level: "MID" })), owned.repo.name);
    const delivery = (await deliveriesOf(id)).find((d) => d.event === "change.submitted")!;
    answer = 410;
    expect(await deliverOutbound(delivery.id)).toMatch(/^410/);
    expect(
      (await db.outboundDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).status,
    ).toBe("FAILED");
    answer = 200;
    await redeliverOutbound(a, delivery.id);
    expect(await deliverOutbound(delivery.id)).toBe("delivered");
    expect(MAX_ATTEMPTS).toBeGreaterThan(1);
  });

  it("refuses a bad endpoint with the field named, and writes nothing", async () => {
    const a = await admin();
    const before = await db.outboundEndpoint.count();
    for (const [raw, field] of [
      [{ kind: "WEBHOOK", name: "x", url: "ftp://x", secret: "s".repeat(20) }, "url"],
      [{ kind: "WEBHOOK", name: "x", url: "https://x.example" }, "secret"],
      [{ kind: "SLACK", name: "x", url: "https://hooks.slack.com/services/T/B/X" }, "team"],
      [
        {
          kind: "WEBHOOK",
          name: "x",
          url: "https://x.example",
          secret: "s".repeat(20),
          events: ["no.such"],
        },
        "events.0",
      ],
    ] as const) {
      const error = await createEndpoint(a, raw).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).details).toContainEqual(expect.objectContaining({ field }));
    }
    expect(await db.outboundEndpoint.count()).toBe(before);
  });
});

describe("a team's Slack channel", () => {
  it("gets its people's assignments as Block Kit messages", async () => {
    const owned = await ownedRepository();
    const { id } = await createEndpoint(await admin(), {
      kind: "SLACK",
      name: `slack-${unique()}`,
      url: `${url}/services/T000/B000/XXXX`,
      team: owned.team.slug,
    });
    const { key } = await submitAiChange(
      asSessionUser(await makeUser(db, { level: "MID" })),
      owned.repo.name,
    );
    const [delivery] = await deliveriesOf(id);
    expect(delivery).toMatchObject({ event: "ASSIGNED" });
    expect(await deliverOutbound(delivery!.id)).toBe("delivered");
    const got = received.at(-1)!;
    expect(got.path).toBe("/services/T000/B000/XXXX");
    expect(got.headers["x-countersign-signature-256"]).toBeUndefined();
    const message = JSON.parse(got.body) as { text: string; blocks: { type: string }[] };
    expect(message.text).toContain(`${key} is assigned to you`);
    expect(message.blocks.map((b) => b.type)).toEqual(["section", "context", "actions"]);
  });
});
