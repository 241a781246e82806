import type { Metadata } from "next";
import { z } from "zod";
import { requirePage } from "@/lib/auth/guards";
import { listChanges } from "@/lib/server/changes/queries";
import { parseSearchParams, type RawSearchParams } from "@/lib/search-params";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { EmptyState } from "@/components/ui/empty-state";
import { ButtonLink } from "@/components/ui/button";
import { KeysetPagination } from "@/components/ui/pagination";
import { ChangeLink } from "@/components/changes/change-link";
import { AiBadge, RiskBadges, StatusBadge } from "@/components/changes/badges";
import { TierBadge } from "@/components/systems/tier-badge";
import { FilterBar } from "@/components/filters/filter-bar";
import { STATUSES } from "@/lib/domain/lifecycle/lifecycle";

export const metadata: Metadata = { title: "My changes" };

const schema = z.object({
  before: z.coerce.number().int().positive().optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  status: z.enum(STATUSES).optional().catch(undefined),
});

export default async function MyChangesPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const user = await requirePage("changes:create", "/changes");
  const { before, q, status } = parseSearchParams(schema, await searchParams);
  const page = await listChanges({ authorId: user.id, before, q, status });
  const filtered = Boolean(q || status);
  const keep = new URLSearchParams({ ...(q ? { q } : {}), ...(status ? { status } : {}) });
  const pageHref = (extra: Record<string, string>) => {
    const params = new URLSearchParams(keep);
    for (const [k, v] of Object.entries(extra)) params.set(k, v);
    const query = params.toString();
    return query ? `/changes?${query}` : "/changes";
  };
  return (
    <>
      <PageHeader
        title="My changes"
        description="Changes you wrote or co-wrote, newest first."
        actions={<ButtonLink href="/changes/new">New change</ButtonLink>}
      />
      <Card>
        <FilterBar
          searchLabel="Search your changes"
          searchPlaceholder="Title or CR-…"
          selects={[
            {
              name: "status",
              label: "Status",
              allLabel: "Any status",
              options: STATUSES.map((s) => ({
                value: s,
                label: s.charAt(0) + s.slice(1).toLowerCase().replace("_", " "),
              })),
            },
          ]}
        />
        {page.rows.length === 0 && filtered ? (
          <EmptyState title="Nothing matches">
            Clear the search or the status to see more.
          </EmptyState>
        ) : page.rows.length === 0 ? (
          <EmptyState
            title="No changes yet"
            action={<ButtonLink href="/changes/new">Submit your first change</ButtonLink>}
          >
            Submit a change with its AI disclosure and Countersign finds who must sign off.
          </EmptyState>
        ) : (
          <Table label="My changes">
            <THead>
              <tr>
                <Th>Change</Th>
                <Th>Status</Th>
                <Th>Systems</Th>
                <Th>AI and risk</Th>
                <Th className="text-right">Size</Th>
              </tr>
            </THead>
            <TBody>
              {page.rows.map((c) => (
                <tr key={c.id} className="hover:bg-slate-50">
                  <Td>
                    <ChangeLink
                      changeKey={c.key}
                      title={c.title}
                      detail={`${c.repository.name} · updated ${c.updatedAt.toISOString().slice(0, 10)}`}
                    />
                  </Td>
                  <Td>
                    <StatusBadge status={c.status} />
                    {c.requirements.some((r) => r.state === "UNROUTABLE") ? (
                      <span className="mt-1 block text-xs font-medium text-red-700">
                        unroutable
                      </span>
                    ) : null}
                  </Td>
                  <Td>
                    <span className="flex flex-wrap gap-1">
                      {c.systems.slice(0, 3).map((s) => (
                        <span
                          key={s.system.slug}
                          className="inline-flex items-center gap-1 text-xs"
                        >
                          {s.system.slug} <TierBadge tier={s.system.tier} />
                        </span>
                      ))}
                      {c.systems.length > 3 ? (
                        <span className="text-xs text-slate-600">+{c.systems.length - 3}</span>
                      ) : null}
                    </span>
                  </Td>
                  <Td>
                    <span className="flex flex-wrap gap-1">
                      <AiBadge extent={c.aiExtent} />
                      <RiskBadges flags={c.riskFlags} />
                    </span>
                  </Td>
                  <Td className="text-right tabular-nums">
                    <span className="text-emerald-700">+{c.linesAdded}</span>{" "}
                    <span className="text-red-700">−{c.linesRemoved}</span>
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
        <KeysetPagination
          prevHref={before ? pageHref({}) : null}
          nextHref={page.nextBefore ? pageHref({ before: String(page.nextBefore) }) : null}
          summary={before ? "Older changes" : "Newest first"}
        />
      </Card>
    </>
  );
}
