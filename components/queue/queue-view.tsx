"use client";
// The reviewer's queue: filters in the URL, kept fresh by React Query without a reload, a live
// SLA countdown, and keyboard navigation (j/k to move, Enter to open).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { fetchJson } from "@/lib/query/fetch-json";
import type { QueueRow } from "@/lib/server/queue";
import { queueStage } from "@/lib/domain/changes/progress";
import { AI_EXTENTS } from "@/lib/domain/policy/minimum-level";
import { RISK_FLAGS, RISK_LABEL } from "@/lib/domain/risk/flags";
import { Select } from "@/components/ui/field";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { AiBadge, RiskBadges } from "@/components/changes/badges";
import { TierBadge } from "@/components/systems/tier-badge";
import { cn } from "@/components/ui/cn";

interface QueueData {
  rows: (Omit<QueueRow, "submittedAt" | "slaDueAt"> & {
    submittedAt: string | null;
    slaDueAt: string | null;
  })[];
  nextCursor: string | null;
}

interface QueueCounts {
  assigned: number;
  eligible: number;
  byTier: Record<string, number>;
}

export const queueKeys = {
  all: ["queue"] as const,
  list: (query: string) => ["queue", query] as const,
  counts: (query: string) => ["queue", "counts", query] as const,
};

function useNow(ms = 1000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

function countdown(due: string | null, now: number): { text: string; overdue: boolean } {
  if (!due) return { text: "no SLA", overdue: false };
  const diff = new Date(due).getTime() - now;
  const abs = Math.abs(diff);
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const s = Math.floor((abs % 60_000) / 1000);
  const text =
    h > 0 ? `${h}h ${String(m).padStart(2, "0")}m` : `${m}m ${String(s).padStart(2, "0")}s`;
  return diff < 0
    ? { text: `${text} overdue`, overdue: true }
    : { text: `${text} left`, overdue: false };
}

function age(submitted: string | null, now: number): string {
  if (!submitted) return "";
  const hours = (now - new Date(submitted).getTime()) / 3_600_000;
  return hours < 1
    ? `${Math.max(1, Math.round(hours * 60))} min`
    : hours < 48
      ? `${Math.round(hours)} h`
      : `${Math.round(hours / 24)} d`;
}

const SIZE_LABEL = { S: "Small (< 50 lines)", M: "Medium (50–399)", L: "Large (400+)" } as const;

export function QueueView({
  initial,
  teams,
}: {
  initial: QueueData;
  teams: { slug: string; name: string }[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const query = params.toString();
  const [initialQuery] = useState(query);
  const now = useNow();
  const { data, isFetching } = useQuery({
    queryKey: queueKeys.list(query),
    queryFn: () => fetchJson<QueueData>(`/api/v1/queue${query ? `?${query}` : ""}`),
    initialData: query === initialQuery ? initial : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const rows = useMemo(() => data?.rows ?? [], [data]);
  const [selected, setSelected] = useState(0);
  const searchTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params.toString());
    next.delete("after");
    if (value) next.set(name, value);
    else next.delete(name);
    const q = next.toString();
    router.replace(q ? `${pathname}?${q}` : pathname, { scroll: false });
    setSelected(0);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (
        ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName) ||
        e.metaKey ||
        e.ctrlKey ||
        e.altKey
      )
        return;
      if (e.key === "j") setSelected((i) => Math.min(i + 1, rows.length - 1));
      else if (e.key === "k") setSelected((i) => Math.max(i - 1, 0));
      else if (e.key === "Enter" && rows[selected]) router.push(`/changes/${rows[selected]!.key}`);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [rows, selected, router]);

  useEffect(() => {
    document.getElementById(`queue-row-${selected}`)?.scrollIntoView({ block: "nearest" });
  }, [selected]);

  // Counts ignore paging and the tier filter (they are shown per tier).
  const countQuery = new URLSearchParams(
    [...params.entries()].filter(([k]) => !["after", "tier", "show"].includes(k)),
  ).toString();
  const { data: countData } = useQuery({
    queryKey: queueKeys.counts(countQuery),
    queryFn: () =>
      fetchJson<QueueCounts>(`/api/v1/queue/counts${countQuery ? `?${countQuery}` : ""}`),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const counts: QueueCounts = countData ?? { assigned: 0, eligible: 0, byTier: {} };
  const n = (value: number) => (countData ? value : "…");
  const show = params.get("show") ?? "all";
  const tabs = [
    { value: "all", label: "All", n: n(counts.assigned + counts.eligible) },
    { value: "assigned", label: "Assigned to me", n: n(counts.assigned) },
    { value: "eligible", label: "I may review", n: n(counts.eligible) },
  ];

  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 pt-3">
        <nav aria-label="Queue views" className="-mb-px flex gap-4">
          {tabs.map((t) => (
            <button
              key={t.value}
              type="button"
              onClick={() => set("show", t.value === "all" ? "" : t.value)}
              aria-current={show === t.value ? "page" : undefined}
              className={cn(
                "border-b-2 px-1 pb-2.5 text-sm font-medium",
                show === t.value
                  ? "border-brand-600 text-brand-700"
                  : "border-transparent text-slate-600 hover:text-slate-900",
              )}
            >
              {t.label}{" "}
              <span className="ml-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                {t.n}
              </span>
            </button>
          ))}
        </nav>
        <p className="pb-2.5 text-xs text-slate-600" aria-live="polite">
          {isFetching ? "Refreshing…" : "Live"} ·{" "}
          <kbd className="rounded border border-slate-300 px-1">j</kbd>/
          <kbd className="rounded border border-slate-300 px-1">k</kbd> to move,{" "}
          <kbd className="rounded border border-slate-300 px-1">Enter</kbd> to open
        </p>
      </div>
      <div
        className="grid gap-3 border-b border-slate-200 px-4 py-3 sm:grid-cols-3 lg:grid-cols-7"
        role="search"
      >
        <div>
          <label htmlFor="queue-q" className="mb-1 block text-xs font-medium text-slate-700">
            Search
          </label>
          <input
            id="queue-q"
            type="search"
            placeholder="Title or CR-…"
            defaultValue={params.get("q") ?? ""}
            onChange={(e) => {
              const value = e.target.value.trim();
              if (searchTimer.current) clearTimeout(searchTimer.current);
              searchTimer.current = setTimeout(() => set("q", value), 300);
            }}
            className="block h-10 w-full rounded-md border-0 px-3 text-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-600 focus:ring-2 focus:ring-brand-600"
          />
        </div>
        {[
          {
            name: "tier",
            label: "Tier",
            options: [1, 2, 3].map((t) => ({
              value: String(t),
              label: `Tier ${t} (${counts.byTier[String(t)] ?? 0})`,
            })),
          },
          {
            name: "team",
            label: "Team",
            options: teams.map((t) => ({ value: t.slug, label: t.name })),
          },
          {
            name: "ai",
            label: "AI extent",
            options: AI_EXTENTS.map((a) => ({
              value: a,
              label: a.charAt(0) + a.slice(1).toLowerCase(),
            })),
          },
          {
            name: "size",
            label: "Size",
            options: (["S", "M", "L"] as const).map((s) => ({ value: s, label: SIZE_LABEL[s] })),
          },
          {
            name: "risk",
            label: "Risk",
            options: RISK_FLAGS.map((r) => ({ value: r, label: RISK_LABEL[r] })),
          },
        ].map((f) => (
          <div key={f.name}>
            <label
              htmlFor={`queue-${f.name}`}
              className="mb-1 block text-xs font-medium text-slate-700"
            >
              {f.label}
            </label>
            <Select
              id={`queue-${f.name}`}
              value={params.get(f.name) ?? ""}
              onChange={(e) => set(f.name, e.target.value)}
            >
              <option value="">Any</option>
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          </div>
        ))}
        <div>
          <label htmlFor="queue-system" className="mb-1 block text-xs font-medium text-slate-700">
            System (slug)
          </label>
          <input
            id="queue-system"
            defaultValue={params.get("system") ?? ""}
            onKeyDown={(e) =>
              e.key === "Enter" &&
              set("system", (e.target as HTMLInputElement).value.trim().toLowerCase())
            }
            onBlur={(e) => set("system", e.target.value.trim().toLowerCase())}
            className="block h-10 w-full rounded-md border-0 px-3 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
          />
        </div>
      </div>
      {rows.length === 0 ? (
        <EmptyState title={query ? "Nothing matches these filters" : "Your queue is empty"}>
          {query
            ? "Clear a filter to see more."
            : "Nothing is waiting for your sign-off. New changes appear here as they are routed to you."}
        </EmptyState>
      ) : (
        <ul aria-label="Queue" className="divide-y divide-slate-100">
          {rows.map((row, i) => {
            const stage = queueStage(row.approvals);
            const sla = stage.firstReview
              ? countdown(row.slaDueAt, now)
              : { text: stage.label, overdue: false };
            const lines = row.linesAdded + row.linesRemoved;
            return (
              <li
                key={row.id}
                id={`queue-row-${i}`}
                aria-current={i === selected ? "true" : undefined}
                className={cn(
                  "px-4 py-3",
                  i === selected
                    ? "bg-brand-50/70 ring-1 ring-inset ring-brand-200"
                    : "hover:bg-slate-50",
                )}
                onMouseEnter={() => setSelected(i)}
              >
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="min-w-0">
                    <Link
                      href={`/changes/${row.key}`}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      <span className="font-mono text-slate-600">{row.key}</span> {row.title}
                    </Link>
                    <p className="mt-0.5 text-xs text-slate-600">
                      by {row.authorName} ({row.authorLevel.toLowerCase()}) ·{" "}
                      {age(row.submittedAt, now)} ago ·{" "}
                      <span className="tabular-nums">
                        +{row.linesAdded} −{row.linesRemoved}
                      </span>{" "}
                      ({lines < 50 ? "small" : lines < 400 ? "medium" : "large"})
                    </p>
                    <div className="mt-1.5 flex flex-wrap items-center gap-1.5">
                      {row.assigned ? (
                        <Badge tone="brand">assigned to you</Badge>
                      ) : (
                        <Badge>you may review</Badge>
                      )}
                      {row.emergency ? <Badge tone="red">emergency</Badge> : null}
                      <AiBadge extent={row.aiExtent} />
                      {row.systems.slice(0, 3).map((s) => (
                        <span
                          key={s.slug}
                          className="inline-flex items-center gap-1 text-xs text-slate-700"
                        >
                          {s.slug} <TierBadge tier={s.tier} />
                        </span>
                      ))}
                      {row.systems.length > 3 ? (
                        <span className="text-xs text-slate-600">+{row.systems.length - 3}</span>
                      ) : null}
                      <RiskBadges flags={row.riskFlags} />
                    </div>
                  </div>
                  <p
                    className={cn(
                      "shrink-0 text-right text-sm tabular-nums",
                      sla.overdue ? "font-semibold text-red-700" : "text-slate-700",
                    )}
                  >
                    {stage.firstReview ? <span className="sr-only">First review due: </span> : null}
                    {sla.text}
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {data?.nextCursor ? (
        <div className="flex justify-end border-t border-slate-200 px-4 py-3">
          <button
            type="button"
            onClick={() => set("after", data.nextCursor!)}
            className="text-sm font-medium text-brand-700 hover:underline"
          >
            Next page →
          </button>
        </div>
      ) : null}
    </Card>
  );
}
