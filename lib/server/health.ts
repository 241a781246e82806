import { db } from "@/lib/db";

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
