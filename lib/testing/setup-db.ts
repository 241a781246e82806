import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.TEST_SERVER_URL = inject("serverUrl");
// The audit signing key and checkpoint log of this run, never the checkout's .data/.
process.env.COUNTERSIGN_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "countersign-int-data-"));
