"use client";
// Filters that live in the URL: typing or choosing updates the query string (debounced), so a
// filtered view can be shared and the back button works. Paging cursors are dropped on change.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { Input, Select } from "@/components/ui/field";

export interface SelectFilter {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  allLabel: string;
}

export function FilterBar({
  searchLabel,
  searchPlaceholder,
  selects,
}: {
  searchLabel: string;
  searchPlaceholder: string;
  selects: SelectFilter[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const [q, setQ] = useState(params.get("q") ?? "");
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const push = (changes: Record<string, string>) => {
    // Read the URL now, not from the render: a debounced search must not undo a filter chosen since.
    const next = new URLSearchParams(window.location.search);
    next.delete("after");
    next.delete("before");
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    const query = next.toString();
    startTransition(() =>
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false }),
    );
  };

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return (
    <div
      className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3"
      role="search"
    >
      <div className="min-w-56 flex-1">
        <label htmlFor="filter-q" className="mb-1 block text-xs font-medium text-slate-700">
          {searchLabel}
        </label>
        <Input
          id="filter-q"
          type="search"
          value={q}
          placeholder={searchPlaceholder}
          onChange={(e) => {
            const value = e.target.value;
            setQ(value);
            if (timer.current) clearTimeout(timer.current);
            timer.current = setTimeout(() => push({ q: value.trim() }), 250);
          }}
        />
      </div>
      {selects.map((select) => (
        <div key={select.name} className="w-44">
          <label
            htmlFor={`filter-${select.name}`}
            className="mb-1 block text-xs font-medium text-slate-700"
          >
            {select.label}
          </label>
          <Select
            id={`filter-${select.name}`}
            value={params.get(select.name) ?? ""}
            onChange={(e) => {
              if (timer.current) clearTimeout(timer.current);
              push({ [select.name]: e.target.value, q: q.trim() });
            }}
          >
            <option value="">{select.allLabel}</option>
            {select.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </div>
      ))}
      <p aria-live="polite" className="h-10 w-16 pt-3 text-xs text-slate-600">
        {pending ? "Updating…" : ""}
      </p>
    </div>
  );
}
