import { formatDateTime } from "@/components/ui/date";
import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth/guards";
import { can } from "@/lib/authz/can";
import { first, type RawSearchParams } from "@/lib/search-params";
import {
  INCIDENT_STATUSES,
  INCIDENT_STATUS_LABEL,
  SEVERITIES,
  SEVERITY_LABEL,
} from "@/lib/domain/incidents/incident";
import { incidentPageFilters, listIncidents } from "@/lib/server/incidents/queries";
import { listTeamOptions } from "@/lib/server/teams";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { KeysetPagination } from "@/components/ui/pagination";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { FilterBar } from "@/components/filters/filter-bar";
import { IncidentStatusBadge, SeverityBadge } from "@/components/incidents/badges";

export const metadata: Metadata = { title: "Incidents" };
const PAGE_SIZE = 25;
const SINCE = [
  { value: "7", label: "Last 7 days" },
  { value: "30", label: "Last 30 days" },
  { value: "90", label: "Last 90 days" },
  { value: "365", label: "Last year" },
];

const when = (d: Date | null) => formatDateTime(d);
function restore(started: Date, resolved: Date | null) {
  if (!resolved) return "open";
  const h = (resolved.getTime() - started.getTime()) / 3_600_000;
  return h < 1 ? `${Math.round(h * 60)} min` : `${h.toFixed(1)} h`;
}

export default async function IncidentsPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const user = await requirePage("incidents:read", "/incidents");
  const raw = await searchParams;
  const get = (k: string) => first(raw[k]);
  const { filters, problem } = incidentPageFilters({
    q: get("q"),
    severity: get("severity"),
    status: get("status"),
    team: get("team"),
    system: get("system"),
    since: get("since"),
    after: get("after"),
  });
  const [page, teams] = await Promise.all([listIncidents(filters, PAGE_SIZE), listTeamOptions()]);
  const next = new URLSearchParams(
    Object.entries({
      q: get("q"),
      severity: get("severity"),
      status: get("status"),
      team: get("team"),
      system: get("system"),
      since: get("since"),
    }).filter((e): e is [string, string] => Boolean(e[1])),
  );
  if (page.nextCursor) next.set("after", page.nextCursor);

  return (
    <>
      <PageHeader
        title="Incidents"
        description="What broke, when, for whom, and which changes caused it."
        actions={
          can(user, "incidents:write") ? (
            <ButtonLink href="/incidents/new">Record incident</ButtonLink>
          ) : null
        }
      />
      {problem ? (
        <p role="alert" className="mb-4 rounded-md bg-red-50 px-4 py-2 text-sm text-red-800">
          The filters in the address are not valid ({problem}); showing every incident.
        </p>
      ) : null}
      <Card>
        <FilterBar
          searchLabel="Search incidents"
          searchPlaceholder="Title, INC key or system slug"
          selects={[
            {
              name: "severity",
              label: "Severity",
              allLabel: "All severities",
              options: SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABEL[s] })),
            },
            {
              name: "status",
              label: "Status",
              allLabel: "Any status",
              options: INCIDENT_STATUSES.map((s) => ({
                value: s,
                label: INCIDENT_STATUS_LABEL[s],
              })),
            },
            {
              name: "team",
              label: "Team",
              allLabel: "All teams",
              options: teams.map((t) => ({ value: t.slug, label: t.name })),
            },
            { name: "since", label: "Started", allLabel: "Any time", options: SINCE },
          ]}
        />
        {page.incidents.length === 0 ? (
          <EmptyState title="No incidents match">Clear a filter to see more.</EmptyState>
        ) : (
          <Table label="Incidents">
            <THead>
              <tr>
                <Th>Incident</Th>
                <Th>Severity</Th>
                <Th>Status</Th>
                <Th>Started (UTC)</Th>
                <Th>Time to restore</Th>
                <Th>Systems</Th>
                <Th>Causes</Th>
              </tr>
            </THead>
            <TBody>
              {page.incidents.map((i) => (
                <tr key={i.id}>
                  <Td>
                    <Link
                      href={`/incidents/${i.key}`}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      <span className="font-mono">{i.key}</span> {i.title}
                    </Link>
                  </Td>
                  <Td>
                    <SeverityBadge severity={i.severity} />
                  </Td>
                  <Td>
                    <IncidentStatusBadge status={i.status} />
                  </Td>
                  <Td className="whitespace-nowrap tabular-nums">{when(i.startedAt)}</Td>
                  <Td className="tabular-nums">{restore(i.startedAt, i.resolvedAt)}</Td>
                  <Td className="text-xs">{i.systems.map((s) => s.system.slug).join(", ")}</Td>
                  <Td className="tabular-nums">{i._count.changes}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
        <KeysetPagination
          prevHref={null}
          nextHref={page.nextCursor ? `/incidents?${next.toString()}` : null}
          summary={`${page.incidents.length} shown, newest first`}
        />
      </Card>
    </>
  );
}
