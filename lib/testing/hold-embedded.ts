// For lib/db/embedded.int.test.ts: starts an embedded PostgreSQL on the data directory given and
// holds it, as `npm start` does, until the test kills this process with SIGKILL.
import { startEmbeddedPostgres } from "../db/embedded.ts";

const server = await startEmbeddedPostgres({ dataDir: process.argv[2]!, persistent: true });
process.stdout.write(`ready ${server.port}\n`);
setInterval(() => {}, 1000);
