// For tests only: alter one audit event the way an attacker with superuser access would, by
// disabling the append-only trigger for the duration of the edit.
import pg from "pg";

export function superuserUrl(): string {
  // The test server's maintenance URL carries the superuser; point it at the test database.
  const url = new URL(process.env.TEST_SERVER_URL!);
  url.pathname = new URL(process.env.DATABASE_URL!).pathname;
  return url.toString();
}

export async function tamperPayload(seq: number, payload: unknown): Promise<void> {
  const client = new pg.Client({ connectionString: superuserUrl() });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update"`);
    await client.query(`UPDATE "AuditEvent" SET payload = $1 WHERE seq = $2`, [
      JSON.stringify(payload),
      seq,
    ]);
    await client.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_no_update"`);
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}

export async function payloadOf(seq: number): Promise<unknown> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(`SELECT payload FROM "AuditEvent" WHERE seq = $1`, [seq])).rows[0]
      ?.payload;
  } finally {
    await client.end();
  }
}
