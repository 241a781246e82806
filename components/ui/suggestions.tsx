"use client";
// A <datalist> of what matches the text typed so far, asked of a suggestions endpoint
// (GET /api/v1/systems or /api/v1/teams, 20 at a time) instead of every option carried in the
// page: 5,000 systems and 2,000 teams made the dashboard a megabyte of HTML
// (docs/decisions/0016-scale.md).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/query/fetch-json";

export function Suggestions({
  id,
  of,
  text,
}: {
  id: string;
  of: "systems" | "teams";
  text: string;
}) {
  const q = text.trim();
  const { data } = useQuery({
    queryKey: ["suggestions", of, q],
    queryFn: () =>
      fetchJson<Record<typeof of, { slug: string; name: string }[]>>(
        `/api/v1/${of}?${new URLSearchParams({ q, limit: "20" })}`,
      ),
    enabled: q.length > 0,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
  return (
    <datalist id={id}>
      {(q ? (data?.[of] ?? []) : []).map((s) => (
        <option key={s.slug} value={s.slug}>
          {s.name}
        </option>
      ))}
    </datalist>
  );
}
