"use client";
// A <datalist> of what matches the text typed so far, asked of a suggestions endpoint
// (GET /api/v1/systems, /teams, /people or /repositories, 20 at a time) instead of every option
// carried in the page: 5,000 systems, 2,000 teams and 20,000 people made the dashboard a megabyte
// of HTML and the submit page several (docs/decisions/0016-scale.md).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/query/fetch-json";

export type SuggestionSource = "systems" | "teams" | "people" | "repositories";

interface Item {
  slug?: string;
  handle?: string;
  name: string;
}

/** What goes into the field, and what explains it (nothing when it is the same). */
function option(of: SuggestionSource, item: Item): { value: string; label: string | null } {
  if (of === "people") return { value: item.handle!, label: item.name };
  if (of === "repositories") return { value: item.name, label: null };
  return { value: item.slug!, label: item.name };
}

export function Suggestions({ id, of, text }: { id: string; of: SuggestionSource; text: string }) {
  const q = text.trim();
  const { data } = useQuery({
    queryKey: ["suggestions", of, q],
    queryFn: () =>
      fetchJson<Record<SuggestionSource, Item[]>>(
        `/api/v1/${of}?${new URLSearchParams({ q, limit: "20" })}`,
      ),
    enabled: q.length > 0,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
  return (
    <datalist id={id}>
      {(q ? (data?.[of] ?? []) : []).map((item) => {
        const { value, label } = option(of, item);
        return (
          <option key={value} value={value}>
            {label}
          </option>
        );
      })}
    </datalist>
  );
}
