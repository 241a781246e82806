"use client";
// The live routing preview beside the submit form: systems, requirements with their reasons, the
// reviewers who would be assigned, warnings, and an estimate of the wait for a first review.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ApiError, fetchJson } from "@/lib/query/fetch-json";
import type { RoutingPreview } from "@/lib/server/routing/preview";
import type { Level } from "@/lib/domain/levels";
import { Badge } from "@/components/ui/badge";
import { LevelBadge } from "@/components/people/level-badge";
import { TierBadge } from "@/components/systems/tier-badge";
import { RequirementBadge } from "@/components/changes/badges";
import { CandidateList } from "@/components/changes/candidate-list";
import { RiskHits } from "@/components/changes/risk-hits";
import { Skeleton } from "@/components/ui/skeleton";

export const previewKeys = {
  all: ["routing-preview"] as const,
  input: (input: unknown) => ["routing-preview", input] as const,
};

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  const serialised = JSON.stringify(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(JSON.parse(serialised) as T), ms);
    return () => clearTimeout(timer);
  }, [serialised, ms]);
  return debounced;
}

export function usePreview(input: Record<string, unknown> | null) {
  const debounced = useDebounced(input, 400);
  return useQuery({
    queryKey: previewKeys.input(debounced),
    queryFn: ({ signal }) =>
      fetchJson<RoutingPreview>("/api/v1/routing/preview", {
        method: "POST",
        body: JSON.stringify(debounced),
        signal,
      }),
    enabled: debounced !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 10_000,
  });
}

function formatHours(hours: number): string {
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  return `${Math.round(hours * 10) / 10} h`;
}

export function PreviewPanel({
  preview,
  authorLevel,
}: {
  preview: ReturnType<typeof usePreview>;
  authorLevel: Level;
}) {
  const data = preview.data;
  const error = preview.error instanceof ApiError ? preview.error : null;
  return (
    <aside
      aria-label="Routing preview"
      className="xl:sticky xl:top-6 xl:max-h-[calc(100vh-3rem)] xl:self-start xl:overflow-y-auto"
    >
      <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <header className="flex items-center justify-between border-b border-slate-200 px-5 py-3">
          <h2 className="text-base font-semibold text-slate-900">Who must sign off</h2>
          <span aria-live="polite" className="text-xs text-slate-600">
            {preview.isFetching ? "Updating…" : data ? "Live preview" : ""}
          </span>
        </header>
        {!preview.isEnabled && !data ? (
          <p className="px-5 py-6 text-sm text-slate-600">
            Choose a repository, say how much of it an AI wrote, and paste a diff (or list paths) to
            see the affected systems, the requirements and the reviewers.
          </p>
        ) : error && !data ? (
          <p role="alert" className="px-5 py-6 text-sm text-red-700">
            {Array.isArray(error.details)
              ? (error.details as { field: string; message: string }[])
                  .map((d) => `${d.field}: ${d.message}`)
                  .join("; ")
              : error.message}
          </p>
        ) : !data ? (
          <div className="space-y-3 p-5">
            <Skeleton className="h-5 w-2/3" />
            <Skeleton className="h-16 w-full" />
            <Skeleton className="h-16 w-full" />
          </div>
        ) : (
          <div className={`divide-y divide-slate-100 ${preview.isFetching ? "opacity-70" : ""}`}>
            {error ? (
              <p role="alert" className="px-5 py-3 text-sm text-red-700">
                {error.message}
              </p>
            ) : null}
            {data.warnings.length ? (
              <ul aria-label="Warnings" className="space-y-1.5 px-5 py-3">
                {data.warnings.map((w) => (
                  <li
                    key={w}
                    className={`rounded-md px-3 py-2 text-sm ring-1 ${/^Unroutable|Freeze/.test(w) ? "bg-red-50 text-red-800 ring-red-200" : "bg-amber-50 text-amber-900 ring-amber-200"}`}
                  >
                    {w}
                  </li>
                ))}
              </ul>
            ) : null}
            <section aria-label="Estimate" className="px-5 py-3">
              {data.estimate ? (
                <p className="text-sm text-slate-800">
                  First review in about <strong>{formatHours(data.estimate.hours)}</strong>
                  <span className="block text-xs text-slate-600">
                    Estimate: {data.estimate.basis}.
                  </span>
                </p>
              ) : (
                <p className="text-sm text-slate-600">No reviewer can be assigned yet.</p>
              )}
            </section>
            <section aria-label="Affected systems" className="px-5 py-3">
              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">
                Affected systems
              </h3>
              <ul className="mt-1.5 space-y-1">
                {data.systems.map((s) => (
                  <li key={s.slug} className="flex items-center justify-between gap-2 text-sm">
                    <span className="truncate">
                      {s.name}{" "}
                      <span className="text-xs text-slate-600">
                        {s.source === "ADDED"
                          ? "added by you"
                          : `${s.paths.length} path${s.paths.length === 1 ? "" : "s"}`}
                      </span>
                    </span>
                    <TierBadge tier={s.tier} />
                  </li>
                ))}
                {data.systems.length === 0 ? (
                  <li className="text-sm text-slate-600">None yet.</li>
                ) : null}
              </ul>
            </section>
            {data.riskHits.length ? (
              <section aria-label="Detected risks" className="px-5 py-3">
                <h3 className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-600">
                  Detected in the diff
                </h3>
                <RiskHits hits={data.riskHits} />
              </section>
            ) : null}
            {data.requirements.map((r) => (
              <section
                key={r.system.slug}
                aria-label={`Requirement for ${r.system.slug}`}
                className="px-5 py-3"
              >
                <div className="flex items-center justify-between gap-2">
                  <h3 className="truncate text-sm font-semibold text-slate-900">{r.system.name}</h3>
                  <RequirementBadge state={r.state} />
                </div>
                <p className="text-sm text-slate-800">
                  {r.approvalsRequired} approval{r.approvalsRequired === 1 ? "" : "s"}, {r.minLevel}
                  +{r.principalRequired ? ", one PRINCIPAL" : ""}
                  {r.frozen ? (
                    <Badge tone="red" className="ml-1">
                      frozen
                    </Badge>
                  ) : null}
                </p>
                {r.stateReason ? <p className="text-xs text-red-700">{r.stateReason}</p> : null}
                <ul className="mt-1 list-disc space-y-0.5 pl-4 text-xs text-slate-600">
                  {r.rules.map((rule) => (
                    <li key={rule}>{rule}</li>
                  ))}
                </ul>
                <CandidateList
                  candidates={r.candidates.map((c) => ({
                    ...c,
                    assigned: r.assigned.includes(c.handle),
                  }))}
                  label={`Candidates for ${r.system.slug}`}
                />
              </section>
            ))}
            <section aria-label="Reviewers who would be assigned" className="px-5 py-3">
              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">
                Would be assigned
              </h3>
              <ul className="mt-1.5 space-y-2">
                {data.reviewers.map((r) => (
                  <li key={r.handle}>
                    <div className="flex items-center justify-between gap-2">
                      <span className="text-sm font-medium text-slate-900">
                        {r.name} <span className="font-normal text-slate-600">@{r.handle}</span>
                      </span>
                      <LevelBadge level={r.level} />
                    </div>
                    <p className="text-xs text-slate-600">{r.reasons.join("; ")}</p>
                  </li>
                ))}
                {data.reviewers.length === 0 ? (
                  <li className="text-sm text-slate-600">Nobody yet.</li>
                ) : null}
              </ul>
            </section>
            <p className="px-5 py-3 text-xs text-slate-600">
              You are {authorLevel.toLowerCase()}; you and your co-authors are never candidates. SLA
              for a first review: {data.slaHours} h.
            </p>
          </div>
        )}
      </div>
    </aside>
  );
}
