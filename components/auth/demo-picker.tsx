"use client";
import { signIn } from "next-auth/react";
import { useMemo, useState } from "react";
import { useKeepTyped } from "@/components/ui/use-hydrated";
import type { DemoGroup, DemoPerson } from "@/lib/server/people";
import { LevelBadge } from "@/components/people/level-badge";
import { Input } from "@/components/ui/field";

const GROUPS: { group: DemoGroup; title: string; blurb: string }[] = [
  { group: "author", title: "Authors", blurb: "Junior and mid-level engineers who submit changes" },
  { group: "reviewer", title: "Reviewers", blurb: "Senior and principal engineers who sign off" },
  { group: "manager", title: "Managers", blurb: "Watch incidents, load and review health" },
  { group: "admin", title: "Admins", blurb: "Systems, teams, ownership and policy" },
];
const PER_GROUP = 6;

export function DemoPicker({ people, callbackUrl }: { people: DemoPerson[]; callbackUrl: string }) {
  const [query, setQuery] = useState("");
  const keepTyped = useKeepTyped(query, setQuery);
  const [pending, setPending] = useState<string | null>(null);
  const filtered = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return people;
    return people.filter((p) =>
      `${p.name} ${p.handle} ${p.team ?? ""} ${p.level}`.toLowerCase().includes(q),
    );
  }, [people, query]);

  return (
    <section
      aria-labelledby="demo-heading"
      className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
    >
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 id="demo-heading" className="text-lg font-semibold text-slate-900">
            Demo sign-in
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Demo mode is on: pick anyone from the seeded organisation. Real deployments use single
            sign-on.
          </p>
        </div>
        <div className="w-full sm:w-72">
          <label htmlFor="demo-search" className="sr-only">
            Find a person
          </label>
          <Input
            id="demo-search"
            type="search"
            placeholder="Find a person, team or level…"
            ref={keepTyped}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
      </div>
      <div className="mt-6 grid gap-6 md:grid-cols-2">
        {GROUPS.map(({ group, title, blurb }) => {
          const members = filtered.filter((p) => p.group === group);
          const shown = members.slice(0, query ? 20 : PER_GROUP);
          return (
            <section key={group} aria-labelledby={`group-${group}`}>
              <h3 id={`group-${group}`} className="text-sm font-semibold text-slate-900">
                {title} <span className="font-normal text-slate-600">· {members.length}</span>
              </h3>
              <p className="text-xs text-slate-600">{blurb}</p>
              <ul className="mt-2 divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200">
                {shown.map((person) => (
                  <li key={person.id}>
                    <button
                      type="button"
                      disabled={pending !== null}
                      onClick={() => {
                        setPending(person.id);
                        void signIn("demo", { userId: person.id, callbackUrl });
                      }}
                      className="flex w-full items-center justify-between gap-3 px-3 py-2 text-left hover:bg-slate-50 disabled:opacity-60"
                      aria-label={`Sign in as ${person.name}, ${person.level}${person.team ? `, ${person.team}` : ""}`}
                    >
                      <span className="min-w-0">
                        <span className="block truncate text-sm font-medium text-slate-900">
                          {person.name}
                        </span>
                        <span className="block truncate text-xs text-slate-600">
                          @{person.handle}
                          {person.team ? ` · ${person.team}` : ""}
                        </span>
                      </span>
                      {pending === person.id ? (
                        <span className="text-xs text-slate-600">Signing in…</span>
                      ) : (
                        <LevelBadge level={person.level} />
                      )}
                    </button>
                  </li>
                ))}
                {shown.length === 0 ? (
                  <li className="px-3 py-2 text-sm text-slate-600">Nobody matches.</li>
                ) : null}
              </ul>
              {members.length > shown.length ? (
                <p className="mt-1 text-xs text-slate-600">
                  and {members.length - shown.length} more: type to search
                </p>
              ) : null}
            </section>
          );
        })}
      </div>
    </section>
  );
}
