import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.TEST_SERVER_URL = inject("serverUrl");
process.env.TEST_APP_URL = inject("appUrl");
