"use client";
// The manager dashboard: filters in the URL, every figure fetched from /api/v1/metrics (the same
// code as the API), refreshed without a reload when a filter changes. Its sections are
// filter-bar.tsx, outcome-cards.tsx and review-health.tsx; its URL rules are in
// lib/domain/metrics/dashboard-query.ts.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { fetchJson } from "@/lib/query/fetch-json";
import type { DashboardMetrics } from "@/lib/server/metrics/metrics";
import { filterQuery, nextQuery } from "@/lib/domain/metrics/dashboard-query";
import { cn } from "@/components/ui/cn";
import { FilterBar } from "./filter-bar";
import { Headline } from "./headline";
import { OutcomeCards } from "./outcome-cards";
import { ReviewHealthCards } from "./review-health";

export function DashboardView({ initial }: { initial: DashboardMetrics }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const query = filterQuery(params.entries());
  const [initialQuery] = useState(query);
  const { data, isFetching, error } = useQuery({
    queryKey: ["metrics", query],
    queryFn: () => fetchJson<DashboardMetrics>(`/api/v1/metrics${query ? `?${query}` : ""}`),
    initialData: query === initialQuery ? initial : undefined,
    placeholderData: keepPreviousData,
  });
  const m = data ?? initial;
  const set = (changes: Record<string, string>) => {
    const q = nextQuery(params.toString(), changes);
    router.replace(q ? `${pathname}?${q}` : pathname, { scroll: false });
  };

  return (
    <div className="space-y-5">
      <FilterBar m={m} isFetching={isFetching} error={error} set={set} />
      {m.asOf ? <ReplicaNote asOf={m.asOf} generatedAt={m.generatedAt} /> : null}
      <div
        aria-busy={isFetching}
        className={cn("space-y-5 transition-opacity", isFetching && "opacity-60")}
      >
        <Headline m={m} />
        <OutcomeCards m={m} query={query} />
        <h2 className="pt-2 text-lg font-semibold text-slate-900">Review health</h2>
        <ReviewHealthCards m={m} query={query} />
      </div>
    </div>
  );
}

/** Figures read from a replica say how old they are (docs/decisions/0017-partitions-and-replicas.md). */
function ReplicaNote({ asOf, generatedAt }: { asOf: string; generatedAt: string }) {
  const behind = Math.max(0, Math.round((Date.parse(generatedAt) - Date.parse(asOf)) / 1000));
  const time = new Date(asOf).toISOString().slice(11, 19);
  return (
    <p className="text-xs text-slate-600" data-testid="replica-note">
      Read from a replica: these figures include everything recorded up to {time} UTC
      {behind > 1 ? ` (${behind} s before they were read)` : ""}. Your own changes always show.
    </p>
  );
}
