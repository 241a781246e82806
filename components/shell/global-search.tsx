"use client";
// The search box in the navigation: a plain GET form to /search (it works before the page is
// interactive, and what was typed is kept), focused with "/" as on GitHub.
import { useSearchParams } from "next/navigation";
import { useEffect, useId, useRef } from "react";

export function GlobalSearch() {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const params = useSearchParams();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "/" || e.metaKey || e.ctrlKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable=true]")) return;
      if (input.current?.offsetParent === null) return; // the hidden copy (phone or desktop)
      e.preventDefault();
      input.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  return (
    <form action="/search" method="get" role="search" aria-label="Everything">
      <label htmlFor={id} className="sr-only">
        Search changes and incidents
      </label>
      <input
        ref={input}
        id={id}
        name="q"
        type="search"
        defaultValue={params.get("q") ?? ""}
        placeholder="Search  ( / )"
        autoComplete="off"
        className="block h-9 w-full rounded-md border-0 bg-slate-800 px-3 text-sm text-white placeholder:text-slate-300 focus:ring-2 focus:ring-brand-400"
      />
    </form>
  );
}
