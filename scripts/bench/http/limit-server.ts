// The benchmark's limit (npm run bench, README "Benchmarks"): a bare node:http server that answers
// the same reads as the portal's read APIs by calling the same use cases, with the person fixed at
// start: no Next.js, no session decoding, no routing. The portal's throughput divided by this one's
// is what the framework and the per-request work around the query cost.
// Usage: DATABASE_URL=... tsx scripts/bench/http/limit-server.ts <port> <seniorId>
import http from "node:http";
import { db } from "../../../lib/db.ts";
import { asSessionUser } from "../../../lib/testing/actors.ts";
import { queueCounts, queueFiltersSchema, queuePage } from "../../../lib/server/queue.ts";
import { metricsFor } from "../../../lib/server/metrics/cache.ts";
import { listAuditEvents } from "../../../lib/server/audit/list.ts";
import { changeForApi, gateByCommit } from "../../../lib/server/changes/api.ts";

const [port, seniorId] = process.argv.slice(2);
const person = async (id: string) =>
  asSessionUser(await db.user.findUniqueOrThrow({ where: { id: id! } }));
const senior = await person(seniorId!);
const filters = queueFiltersSchema.parse({});

const reads: Record<string, (url: URL) => Promise<unknown>> = {
  "/queue": () => queuePage(senior, filters),
  "/queue/counts": () => queueCounts(senior, filters),
  "/metrics": async (url) => (await metricsFor(Object.fromEntries(url.searchParams))).metrics,
  "/audit": (url) => listAuditEvents({ actor: url.searchParams.get("actor") ?? undefined }),
  "/gate": (url) =>
    gateByCommit(senior, {
      repository: url.searchParams.get("repository")!,
      commit: url.searchParams.get("commit")!,
    }),
  "/change": (url) => changeForApi(senior, url.searchParams.get("key")!),
};

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://limit");
  const read = reads[url.pathname];
  if (!read) {
    res.writeHead(404).end();
    return;
  }
  read(url).then(
    (body) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    },
    (error: Error) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(error.message);
    },
  );
});
server.keepAliveTimeout = 65_000;
server.listen(Number(port), "127.0.0.1", () => process.stdout.write("ready\n"));
process.on("SIGTERM", () => {
  server.close();
  void db.$disconnect().finally(() => process.exit(0));
});
