// The dashboard's figures, shared while nothing has been written (docs/decisions/0016-scale.md):
// every write that can move a figure is audited in its own transaction, so while the audit trail's
// head (less sign-ins, page views and the like) is where it was, figures computed for the same
// filters are still exact, and are shared
// (for at most METRICS_CACHE_SECONDS, 30, as the "last 90 days" move on). Requests that arrive
// while figures are being computed wait for that one computation instead of starting their own.
// A person who has just linked an incident sees it on the next load. Per instance and in memory:
// losing it loses nothing. Each answer says when it was computed (`generatedAt`).
import { db } from "@/lib/db";
import { readerFor } from "@/lib/db/reader";
import { AppError } from "@/lib/errors";
import { positiveSetting } from "@/lib/server/rate-limit";
import { resolveMetricsScope, type MetricsScope } from "./filters";
import { getMetrics, type DashboardMetrics } from "./metrics";

export interface ScopedMetrics {
  scope: MetricsScope;
  metrics: DashboardMetrics;
}

const MAX_ENTRIES = 500;
const entries = new Map<string, { at: number; head: string; value: Promise<ScopedMetrics> }>();
const ttlMs = () => positiveSetting(process.env.METRICS_CACHE_SECONDS, 30) * 1000;

/** The filters as a key: empty values dropped, names sorted (the same filters, the same key). */
function keyOf(params: Record<string, string | undefined>): string {
  return JSON.stringify(
    Object.entries(params)
      .filter(([, v]) => v !== undefined && v !== "")
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

/**
 * Audited actions that move no figure of the dashboard, and happen all day: signing in and out,
 * opening a change to review it, marking files viewed and notifications read.
 */
export const ACTIONS_NO_FIGURE_MOVES = [
  "auth.signed_in",
  "auth.signed_out",
  "review.opened",
  "review.file_viewed",
  "notifications.read",
  "notifications.settings_saved",
] as const;

/**
 * The sequence number of the last committed audit event that may move a figure: it moves with
 * every such write, and only committed events are visible, so figures computed after reading it
 * include every write it counts.
 */
async function auditHead(): Promise<string> {
  const [row] = await readerFor(db).query<{ seq: string }>(
    "metrics-audit-head",
    `SELECT seq FROM "AuditEvent" WHERE action <> ALL($1::text[]) ORDER BY seq DESC LIMIT 1`,
    [ACTIONS_NO_FIGURE_MOVES],
  );
  return row?.seq ?? "0";
}

/** The figures for these URL filters; bad filters throw the same 400 as resolveMetricsScope. */
export async function metricsFor(
  params: Record<string, string | undefined>,
): Promise<ScopedMetrics> {
  const key = keyOf(params);
  const head = await auditHead();
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && hit.head === head && now - hit.at < ttlMs()) return hit.value;
  const value = (async () => {
    const scope = await resolveMetricsScope(params, new Date(now));
    return { scope, metrics: await getMetrics(scope) };
  })();
  entries.delete(key);
  entries.set(key, { at: now, head, value });
  value.catch(() => entries.delete(key));
  // The oldest entries go first (a Map iterates in insertion order).
  for (const old of entries.keys()) {
    if (entries.size <= MAX_ENTRIES) break;
    entries.delete(old);
  }
  return value;
}

/** For the dashboard page: the figures the URL asks for, or the default ones and what was wrong. */
export async function pageMetrics(
  params: Record<string, string | undefined>,
): Promise<ScopedMetrics & { problem: string | null }> {
  try {
    return { ...(await metricsFor(params)), problem: null };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { ...(await metricsFor({})), problem: error.message };
  }
}
