// The dashboard's figures, shared between loads with the same filters while nothing that may move
// a figure has been written (lib/server/shared-read.ts, docs/decisions/0016-scale.md). The page
// and GET /api/v1/metrics both read through here, so they cannot disagree. Each answer says when
// it was computed (`generatedAt`).
import { AppError } from "@/lib/errors";
import { paramsKey, sharedRead } from "@/lib/server/shared-read";
import { resolveMetricsScope, type MetricsScope } from "./filters";
import { getMetrics, type DashboardMetrics } from "./metrics";

export interface ScopedMetrics {
  scope: MetricsScope;
  metrics: DashboardMetrics;
}

/** The figures for these URL filters; bad filters throw the same 400 as resolveMetricsScope. */
export function metricsFor(params: Record<string, string | undefined>): Promise<ScopedMetrics> {
  return sharedRead(`metrics ${paramsKey(params)}`, async () => {
    const scope = await resolveMetricsScope(params);
    return { scope, metrics: await getMetrics(scope) };
  });
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
