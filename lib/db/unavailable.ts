// Whether an error means "PostgreSQL cannot be reached right now" (down, restarting, out of
// connections) rather than a fault in the request: such errors answer 503 with Retry-After.

const CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up, shutting down)
  "53300", // too_many_connections
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "P1001", // Prisma: can't reach database server
  "P1002", // Prisma: server reached but timed out
  "P1017", // Prisma: server closed the connection
  "P2024", // Prisma: timed out fetching a connection from the pool
]);
const KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
const MESSAGES =
  /Can't reach database server|Connection terminated|connect ECONNREFUSED|the database system is (starting up|shutting down|in recovery mode)|Connection refused|terminating connection due to administrator command|has encountered a connection error and is not queryable/i;

/** SQLSTATE 53100 disk_full, or the operating system's words for it. */
const DISK_FULL = /No space left on device|could not extend file/i;

function causes(error: unknown): unknown[] {
  const seen: unknown[] = [];
  for (let e = error; e && typeof e === "object" && seen.length < 8;) {
    seen.push(e);
    const o = e as { cause?: unknown; meta?: { driverAdapterError?: unknown } };
    e = o.meta?.driverAdapterError ?? o.cause;
  }
  return seen;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return causes(error).some((e) => {
    const o = e as { code?: unknown; kind?: unknown; message?: unknown; errors?: unknown };
    if (typeof o.code === "string" && CODES.has(o.code)) return true;
    if (typeof o.kind === "string" && KINDS.has(o.kind)) return true;
    if (Array.isArray(o.errors) && o.errors.some((inner) => isDatabaseUnavailable(inner)))
      return true;
    return typeof o.message === "string" && MESSAGES.test(o.message);
  });
}

/** Whether the database server ran out of disk space for this statement (nothing was written). */
export function isDiskFull(error: unknown): boolean {
  return causes(error).some((e) => {
    const o = e as { code?: unknown; message?: unknown };
    return o.code === "53100" || (typeof o.message === "string" && DISK_FULL.test(o.message));
  });
}
