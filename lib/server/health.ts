import { db } from "@/lib/db";
import { readInstanceStatus, type InstanceStatus } from "@/lib/db/supervise";

/** True when the database answers a trivial query within the timeout. */
export async function databaseHealthy(timeoutMs = 2000): Promise<boolean> {
  try {
    const probe = db.$queryRaw`SELECT 1`;
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error("timeout")), timeoutMs),
    );
    await Promise.race([probe, timeout]);
    return true;
  } catch {
    return false;
  }
}

/** What `npm start` wrote about this instance: draining, and the embedded server's supervisor. */
export function instanceStatus(): InstanceStatus {
  return readInstanceStatus(process.env.COUNTERSIGN_STATUS_FILE) ?? {};
}
