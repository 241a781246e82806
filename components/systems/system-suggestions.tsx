"use client";
// A <datalist> of the systems matching what the person has typed, asked of GET /api/v1/systems
// as they type (20 at a time), instead of every system carried in the page: 5,000 options made
// the dashboard a megabyte of HTML (docs/decisions/0016-scale.md).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/query/fetch-json";

export function SystemSuggestions({ id, text }: { id: string; text: string }) {
  const q = text.trim();
  const { data } = useQuery({
    queryKey: ["system-suggestions", q],
    queryFn: () =>
      fetchJson<{ systems: { slug: string; name: string }[] }>(
        `/api/v1/systems?${new URLSearchParams({ q, limit: "20" })}`,
      ),
    enabled: q.length > 0,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
  return (
    <datalist id={id}>
      {(q ? (data?.systems ?? []) : []).map((s) => (
        <option key={s.slug} value={s.slug}>
          {s.name}
        </option>
      ))}
    </datalist>
  );
}
