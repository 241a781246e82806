import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth/guards";
import { listSystems } from "@/lib/server/systems";
import { listTeamOptions } from "@/lib/server/teams";
import {
  parseSearchParams,
  systemFiltersSchema,
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
import { TierBadge } from "@/components/systems/tier-badge";

export const metadata: Metadata = { title: "Systems" };
const PAGE_SIZE = 25;

export default async function SystemsPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  await requirePage("systems:read", "/systems");
  const filters = parseSearchParams(systemFiltersSchema, await searchParams);
  const [page, teams] = await Promise.all([
    listSystems(filters, { after: filters.after, before: filters.before, limit: PAGE_SIZE }),
    listTeamOptions(),
  ]);
  const base = { q: filters.q, tier: filters.tier, team: filters.team };
  const filtered = Boolean(filters.q || filters.tier || filters.team);

  return (
    <>
      <PageHeader
        title="Systems"
        description="Every system, its tier and who owns it. Tier decides how many people must sign off on a change."
      />
      <Card>
        <FilterBar
          searchLabel="Search systems"
          searchPlaceholder="Name or slug, e.g. checkout"
          selects={[
            {
              name: "tier",
              label: "Tier",
              allLabel: "All tiers",
              options: [1, 2, 3].map((t) => ({ value: String(t), label: `Tier ${t}` })),
            },
            {
              name: "team",
              label: "Owning team",
              allLabel: "All teams",
              options: teams.map((t) => ({ value: t.slug, label: t.name })),
            },
          ]}
        />
        {page.rows.length === 0 ? (
          <EmptyState title={filtered ? "No systems match these filters" : "No systems yet"}>
            {filtered
              ? "Try a shorter search or clear a filter."
              : "Admins add systems or import a Backstage catalog."}
          </EmptyState>
        ) : (
          <Table label="Systems">
            <THead>
              <tr>
                <Th>System</Th>
                <Th>Tier</Th>
                <Th>Owning team</Th>
                <Th className="text-right">Repositories</Th>
                <Th className="text-right">Extra approvers</Th>
              </tr>
            </THead>
            <TBody>
              {page.rows.map((system) => (
                <tr key={system.id} className="hover:bg-slate-50">
                  <Td>
                    <Link
                      href={`/systems/${system.slug}`}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {system.name}
                    </Link>
                    <div className="mt-0.5 flex items-center gap-2 text-xs text-slate-600">
                      <span className="font-mono">{system.slug}</span>
                      {system.customerFacing ? <Badge tone="brand">Customer-facing</Badge> : null}
                    </div>
                  </Td>
                  <Td>
                    <TierBadge tier={system.tier} />
                  </Td>
                  <Td>
                    <Link href={`/teams/${system.owningTeam.slug}`} className="hover:underline">
                      {system.owningTeam.name}
                    </Link>
                  </Td>
                  <Td className="text-right tabular-nums">{system._count.repositories}</Td>
                  <Td className="text-right tabular-nums">{system._count.extraApprovers}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
        <KeysetPagination
          summary={`${page.total.toLocaleString("en")} system${page.total === 1 ? "" : "s"}${filtered ? " match" : ""}`}
          prevHref={
            page.prevCursor ? withParams("/systems", base, { before: page.prevCursor }) : null
          }
          nextHref={
            page.nextCursor ? withParams("/systems", base, { after: page.nextCursor }) : null
          }
        />
      </Card>
    </>
  );
}
