// A code host that takes the connection and never answers must not hold the job that asked it:
// every call gives up after the host timeout, so the job queue can retry (and the next status for
// the pull request is not stuck behind it: its queue runs one job per pull request at a time).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { github } from "./github";
import { gitlab } from "./gitlab";

let server: Server;
let url: string;
let received = 0;

beforeAll(async () => {
  // Reads the request, then says nothing: a proxy or host that hangs.
  server = createServer((req) => {
    received++;
    req.resume();
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

const ref = { repository: "acme/storefront", number: 2 };
const status = {
  state: "pending" as const,
  description: "0 of 2 approvals",
  targetUrl: "https://countersign.example/changes/CR-1",
};

describe("a code host that never answers", () => {
  it.each([
    ["GitHub", () => github(url, { token: "t" }, { timeoutMs: 200 })],
    ["GitLab", () => gitlab(url, "t", { timeoutMs: 200 })],
  ])(
    "%s: posting a status fails within the timeout, retries included",
    async (_, host) => {
      const before = received;
      const started = Date.now();
      await expect(host().postStatus(ref, "a".repeat(40), status)).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(8_000);
      expect(received).toBeGreaterThan(before);
    },
    15_000,
  );

  it.each([
    ["GitHub", () => github(url, { token: "t" }, { timeoutMs: 200 })],
    ["GitLab", () => gitlab(url, "t", { timeoutMs: 200 })],
  ])(
    "%s: reading a pull request fails within the timeout",
    async (_, host) => {
      const started = Date.now();
      await expect(host().pullRequest(ref)).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(8_000);
    },
    15_000,
  );
});
