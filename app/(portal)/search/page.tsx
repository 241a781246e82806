import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth/guards";
import { first, type RawSearchParams } from "@/lib/search-params";
import { search } from "@/lib/server/search";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { ChangeLink } from "@/components/changes/change-link";
import { AiBadge, StatusBadge } from "@/components/changes/badges";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/components/ui/date";
import { Input } from "@/components/ui/field";
import { Button } from "@/components/ui/button";

export const metadata: Metadata = { title: "Search" };

const EXAMPLES = [
  "is:pending author:@me",
  "reviewer:@me is:open",
  "system:checkout-api is:deployed",
  "is:incident checkout",
];

export default async function SearchPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const user = await requirePage("portal:use", "/search");
  const q = (first((await searchParams).q) ?? "").slice(0, 500);
  const results = await search(user, q);
  const found = results.changes.length + results.incidents.length;
  return (
    <>
      <PageHeader
        title="Search"
        description="A key (CR-12, INC-200), words from the title or the author's name, and qualifiers: is:pending, is:open, is:approved, is:deployed, is:draft, is:change, is:incident, author:@me, reviewer:@me, system:<slug>, repo:<name>."
      />
      <form
        action="/search"
        method="get"
        role="search"
        aria-label="Search"
        className="mb-6 flex gap-2"
      >
        <label htmlFor="search-q" className="sr-only">
          Search changes and incidents
        </label>
        <Input id="search-q" name="q" type="search" defaultValue={q} className="max-w-xl" />
        <Button type="submit">Search</Button>
      </form>
      {results.problems.length ? (
        <div role="alert" className="mb-4 rounded-md bg-amber-50 px-4 py-2 text-sm text-amber-900">
          {results.problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      ) : null}
      {!q.trim() ? (
        <p className="text-sm text-slate-700">
          Try{" "}
          {EXAMPLES.map((e, i) => (
            <span key={e}>
              {i ? ", " : ""}
              <Link
                href={`/search?q=${encodeURIComponent(e)}`}
                className="font-mono text-brand-700 underline"
              >
                {e}
              </Link>
            </span>
          ))}
          .
        </p>
      ) : (
        <p className="mb-4 text-sm text-slate-700" aria-live="polite">
          {found === 0
            ? "Nothing matches."
            : `${found} result${found === 1 ? "" : "s"}${found >= 25 ? " (the newest 25 of each kind)" : ""}.`}
        </p>
      )}
      {results.changes.length ? (
        <Card className="mb-6">
          <CardHeader title="Changes" />
          <Table label="Changes found">
            <THead>
              <tr>
                <Th>Change</Th>
                <Th>Status</Th>
                <Th>Author</Th>
                <Th>Updated</Th>
              </tr>
            </THead>
            <TBody>
              {results.changes.map((c) => (
                <tr key={c.key} className="hover:bg-slate-50">
                  <Td>
                    <ChangeLink
                      changeKey={c.key}
                      title={c.title}
                      detail={`${c.repository.name}${c.systems.length ? ` · ${c.systems.map((s) => s.system.slug).join(", ")}` : ""}`}
                    />
                  </Td>
                  <Td>
                    <span className="flex flex-wrap gap-1">
                      <StatusBadge status={c.status} />
                      <AiBadge extent={c.aiExtent} />
                    </span>
                  </Td>
                  <Td>
                    {c.author.name}{" "}
                    <span className="text-xs text-slate-600">@{c.author.handle}</span>
                  </Td>
                  <Td className="whitespace-nowrap text-xs">{formatDateTime(c.updatedAt)}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
        </Card>
      ) : null}
      {results.incidents.length ? (
        <Card>
          <CardHeader title="Incidents" />
          <Table label="Incidents found">
            <THead>
              <tr>
                <Th>Incident</Th>
                <Th>Severity</Th>
                <Th>Status</Th>
                <Th>Started</Th>
              </tr>
            </THead>
            <TBody>
              {results.incidents.map((i) => (
                <tr key={i.key} className="hover:bg-slate-50">
                  <Td>
                    <Link
                      href={`/incidents/${i.key}`}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      <span className="font-mono text-slate-600">{i.key}</span> {i.title}
                    </Link>
                  </Td>
                  <Td>
                    <Badge
                      tone={
                        i.severity === "SEV1" ? "red" : i.severity === "SEV2" ? "amber" : "neutral"
                      }
                    >
                      {i.severity}
                    </Badge>
                  </Td>
                  <Td>{i.status.toLowerCase()}</Td>
                  <Td className="whitespace-nowrap text-xs">{formatDateTime(i.startedAt)}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
        </Card>
      ) : null}
    </>
  );
}
