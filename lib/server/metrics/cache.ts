// The dashboard's figures, shared between loads with the same filters while nothing that may move
// a figure has been written (lib/server/shared-read.ts, docs/decisions/0016-scale.md). The page
// and GET /api/v1/metrics both read through here, so they cannot disagree. Each answer says when
// it was computed (`generatedAt`) and, when read from a replica (DATABASE_REPLICA_URL), as of when
// (docs/decisions/0017-partitions-and-replicas.md).
import { replicaFailed, readingFrom, staleReadSource, type ReadSource } from "@/lib/db/replica";
import { AppError } from "@/lib/errors";
import { paramsKey, sharedRead } from "@/lib/server/shared-read";
import { resolveMetricsScope, type MetricsScope } from "./filters";
import { getMetrics, type DashboardMetrics } from "./metrics";

export interface ScopedMetrics {
  scope: MetricsScope;
  metrics: DashboardMetrics;
}

/**
 * The figures for these URL filters; bad filters throw the same 400 as resolveMetricsScope.
 * `actorId`: who asks; a replica that has not replayed their latest write is not read for them.
 */
export async function metricsFor(
  params: Record<string, string | undefined>,
  actorId: string | null = null,
): Promise<ScopedMetrics> {
  const source = await staleReadSource(actorId);
  try {
    return await metricsFrom(source, params);
  } catch (error) {
    // A replica that fails mid-read: the primary answers, and is read until the next check.
    if (!source.replica || error instanceof AppError) throw error;
    replicaFailed();
    return metricsFrom(await staleReadSource(null), params);
  }
}

async function metricsFrom(
  source: ReadSource,
  params: Record<string, string | undefined>,
): Promise<ScopedMetrics> {
  const key = `metrics ${source.replica ? "replica " : ""}${paramsKey(params)}`;
  const read = await sharedRead(
    key,
    () =>
      readingFrom(source, async () => {
        const scope = await resolveMetricsScope(params);
        return { scope, metrics: await getMetrics(scope) };
      }),
    source.client,
  );
  if (!source.replica) return read;
  return {
    scope: read.scope,
    metrics: { ...read.metrics, readFrom: "replica", asOf: source.asOf!.toISOString() },
  };
}

/** For the dashboard page: the figures the URL asks for, or the default ones and what was wrong. */
export async function pageMetrics(
  params: Record<string, string | undefined>,
  actorId: string | null = null,
): Promise<ScopedMetrics & { problem: string | null }> {
  try {
    return { ...(await metricsFor(params, actorId)), problem: null };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { ...(await metricsFor({}, actorId)), problem: error.message };
  }
}
