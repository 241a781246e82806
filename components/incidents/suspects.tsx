"use client";
// Suspect changes for an incident (deployed to an affected system in the 24 h before it started,
// ranked by closeness in time and risk), and the changes linked to it, with one click to link
// as CAUSE, CONTRIBUTING or SUSPECT, or to unlink.
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { fetchJson } from "@/lib/query/fetch-json";
import { LINK_KINDS, type LinkKind } from "@/lib/domain/incidents/incident";
import { Button } from "@/components/ui/button";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { AiBadge } from "@/components/changes/badges";
import { LinkKindBadge } from "./badges";

export interface SuspectView {
  key: string;
  title: string;
  deployedAt: string;
  aiExtent: "NONE" | "ASSISTED" | "GENERATED" | "AGENTIC";
  linesChanged: number;
  riskFlags: number;
  authorName: string;
  authorLevel: string;
  systems: string[];
  score: number;
  risk: number;
  hoursBefore: number;
  linkedAs: LinkKind | null;
}

export interface LinkedView {
  kind: LinkKind;
  key: string;
  title: string;
  linkedBy: string;
}

function useLinks(incidentKey: string) {
  const router = useRouter();
  const link = useMutation({
    mutationFn: (v: { change: string; kind: LinkKind }) =>
      fetchJson(`/api/v1/incidents/${incidentKey}/links`, {
        method: "POST",
        body: JSON.stringify(v),
      }),
    onSuccess: () => router.refresh(),
  });
  const unlink = useMutation({
    mutationFn: (change: string) =>
      fetchJson(`/api/v1/incidents/${incidentKey}/links/${change}`, { method: "DELETE" }),
    onSuccess: () => router.refresh(),
  });
  return { link, unlink, error: link.error ?? unlink.error };
}

export function SuspectList({
  incidentKey,
  suspects,
  canWrite,
}: {
  incidentKey: string;
  suspects: SuspectView[];
  canWrite: boolean;
}) {
  const { link, unlink, error } = useLinks(incidentKey);
  if (suspects.length === 0)
    return (
      <p className="px-5 py-4 text-sm text-slate-600">
        No change was deployed to the affected systems in the 24 hours before this incident started.
      </p>
    );
  return (
    <>
      {error ? (
        <p role="alert" className="px-5 pt-3 text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
      <Table label="Suspect changes">
        <THead>
          <tr>
            <Th>Change</Th>
            <Th>Deployed</Th>
            <Th>Risk</Th>
            <Th>Score</Th>
            <Th>{canWrite ? "Link as" : "Linked"}</Th>
          </tr>
        </THead>
        <TBody>
          {suspects.map((s) => (
            <tr key={s.key} data-testid={`suspect-${s.key}`}>
              <Td>
                <Link
                  href={`/changes/${s.key}`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {s.key}
                </Link>{" "}
                <span className="text-slate-900">{s.title}</span>
                <span className="mt-0.5 block text-xs text-slate-600">
                  {s.authorName} ({s.authorLevel.toLowerCase()}) · {s.systems.join(", ")} ·{" "}
                  {s.linesChanged} lines <AiBadge extent={s.aiExtent} />
                </span>
              </Td>
              <Td className="whitespace-nowrap">{s.hoursBefore} h before</Td>
              <Td>{Math.round(s.risk * 100)}%</Td>
              <Td className="tabular-nums">{s.score.toFixed(2)}</Td>
              <Td>
                {canWrite ? (
                  <div className="flex flex-wrap gap-1.5" role="group" aria-label={`Link ${s.key}`}>
                    {LINK_KINDS.map((kind) => (
                      <Button
                        key={kind}
                        size="sm"
                        variant={s.linkedAs === kind ? "primary" : "secondary"}
                        aria-pressed={s.linkedAs === kind}
                        disabled={link.isPending || unlink.isPending}
                        onClick={() => link.mutate({ change: s.key, kind })}
                      >
                        {kind === "CAUSE"
                          ? "Cause"
                          : kind === "CONTRIBUTING"
                            ? "Contributing"
                            : "Suspect"}
                      </Button>
                    ))}
                    {s.linkedAs ? (
                      <Button
                        size="sm"
                        variant="ghost"
                        disabled={unlink.isPending}
                        onClick={() => unlink.mutate(s.key)}
                        aria-label={`Unlink ${s.key}`}
                      >
                        Unlink
                      </Button>
                    ) : null}
                  </div>
                ) : s.linkedAs ? (
                  <LinkKindBadge kind={s.linkedAs} />
                ) : (
                  "–"
                )}
              </Td>
            </tr>
          ))}
        </TBody>
      </Table>
    </>
  );
}

export function LinkedChanges({
  incidentKey,
  links,
  canWrite,
}: {
  incidentKey: string;
  links: LinkedView[];
  canWrite: boolean;
}) {
  const { unlink, link, error } = useLinks(incidentKey);
  return (
    <div className="px-5 py-4">
      {error ? (
        <p role="alert" className="mb-2 text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
      {links.length === 0 ? (
        <p className="text-sm text-slate-600">No change is linked yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {links.map((l) => (
            <li key={l.key} className="flex items-center justify-between gap-3 py-2">
              <span>
                <LinkKindBadge kind={l.kind} />{" "}
                <Link
                  href={`/changes/${l.key}`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {l.key}
                </Link>{" "}
                <span className="text-sm text-slate-800">{l.title}</span>
                <span className="block text-xs text-slate-600">linked by {l.linkedBy}</span>
              </span>
              {canWrite ? (
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => unlink.mutate(l.key)}
                  disabled={unlink.isPending}
                  aria-label={`Unlink ${l.key}`}
                >
                  Unlink
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canWrite ? <LinkByKey onLink={(change, k) => link.mutate({ change, kind: k })} /> : null}
    </div>
  );
}

function LinkByKey({ onLink }: { onLink: (change: string, kind: LinkKind) => void }) {
  return (
    <form
      className="mt-3 flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        onLink(String(data.get("change") ?? ""), String(data.get("kind")) as LinkKind);
        e.currentTarget.reset();
      }}
    >
      <div>
        <label htmlFor="link-change" className="mb-1 block text-xs font-medium text-slate-700">
          Link another change
        </label>
        <input
          id="link-change"
          name="change"
          placeholder="CR-123"
          required
          className="h-8 w-32 rounded-md px-2 text-sm ring-1 ring-inset ring-slate-300"
        />
      </div>
      <div>
        <label htmlFor="link-kind" className="mb-1 block text-xs font-medium text-slate-700">
          As
        </label>
        <select
          id="link-kind"
          name="kind"
          className="h-8 rounded-md px-2 text-sm ring-1 ring-inset ring-slate-300"
        >
          {LINK_KINDS.map((k) => (
            <option key={k} value={k}>
              {k.toLowerCase()}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" size="sm" variant="secondary">
        Link
      </Button>
    </form>
  );
}
