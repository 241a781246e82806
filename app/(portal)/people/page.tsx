import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth/guards";
import { LEVELS, LEVEL_LABEL } from "@/lib/domain/levels";
import { listPeople } from "@/lib/server/people";
import { listTeamOptions } from "@/lib/server/teams";
import {
  parseSearchParams,
  peopleFiltersSchema,
  withParams,
  type RawSearchParams,
} from "@/lib/search-params";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { EmptyState } from "@/components/ui/empty-state";
import { KeysetPagination } from "@/components/ui/pagination";
import { Badge } from "@/components/ui/badge";
import { FilterBar } from "@/components/filters/filter-bar";
import { LevelBadge } from "@/components/people/level-badge";
import { OutOfOffice } from "@/components/people/out-of-office";

export const metadata: Metadata = { title: "People" };
const PAGE_SIZE = 30;

export default async function PeoplePage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  await requirePage("people:read", "/people");
  const filters = parseSearchParams(peopleFiltersSchema, await searchParams);
  const [page, teams] = await Promise.all([
    listPeople(filters, { after: filters.after, before: filters.before, limit: PAGE_SIZE }),
    listTeamOptions(),
  ]);
  const base = { q: filters.q, level: filters.level, team: filters.team };
  const filtered = Boolean(filters.q || filters.level || filters.team);

  return (
    <>
      <PageHeader
        title="People"
        description="Everyone in the directory, their level, team and availability for reviews."
      />
      <Card>
        <FilterBar
          searchLabel="Search people"
          searchPlaceholder="Name or handle"
          selects={[
            {
              name: "level",
              label: "Level",
              allLabel: "All levels",
              options: LEVELS.map((l) => ({ value: l, label: LEVEL_LABEL[l] })),
            },
            {
              name: "team",
              label: "Team",
              allLabel: "All teams",
              options: teams.map((t) => ({ value: t.slug, label: t.name })),
            },
          ]}
        />
        {page.rows.length === 0 ? (
          <EmptyState title="Nobody matches these filters">
            Try a shorter search or clear a filter.
          </EmptyState>
        ) : (
          <Table label="People">
            <THead>
              <tr>
                <Th>Person</Th>
                <Th>Level</Th>
                <Th>Team</Th>
                <Th>Availability</Th>
              </tr>
            </THead>
            <TBody>
              {page.rows.map((person) => (
                <tr key={person.id}>
                  <Td>
                    <span className="font-medium text-slate-900">{person.name}</span>
                    <span className="block text-xs text-slate-600">
                      @{person.handle} · {person.email}
                    </span>
                  </Td>
                  <Td>
                    <span className="flex flex-wrap gap-1">
                      <LevelBadge level={person.level} />
                      {person.roles.map((role) => (
                        <Badge key={role} tone="violet">
                          {role === "ADMIN" ? "Admin" : "Manager"}
                        </Badge>
                      ))}
                    </span>
                  </Td>
                  <Td>
                    {[...person.memberships.map((m) => m.team), ...person.managedTeams].map(
                      (team, i) => (
                        <Link
                          key={team.slug + i}
                          href={`/teams/${team.slug}`}
                          className="mr-2 hover:underline"
                        >
                          {team.name}
                          {i >= person.memberships.length ? " (manager)" : ""}
                        </Link>
                      ),
                    )}
                  </Td>
                  <Td>
                    {person.active ? (
                      <OutOfOffice until={person.outOfOfficeUntil} />
                    ) : (
                      <Badge tone="red">Inactive</Badge>
                    )}
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
        <KeysetPagination
          summary={`${page.total.toLocaleString("en")} ${page.total === 1 ? "person" : "people"}${filtered ? " match" : ""}`}
          prevHref={
            page.prevCursor ? withParams("/people", base, { before: page.prevCursor }) : null
          }
          nextHref={
            page.nextCursor ? withParams("/people", base, { after: page.nextCursor }) : null
          }
        />
      </Card>
    </>
  );
}
