import type { Metadata } from "next";
import { requirePage } from "@/lib/auth/guards";
import { ownershipOf, queueFiltersSchema, queuePage, queueTeamOptions } from "@/lib/server/queue";
import { parseSearchParams, type RawSearchParams } from "@/lib/search-params";
import { PageHeader } from "@/components/ui/page-header";
import { QueueView } from "@/components/queue/queue-view";

export const metadata: Metadata = { title: "Review queue" };

export default async function QueuePage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const user = await requirePage("queue:read", "/queue");
  const filters = parseSearchParams(queueFiltersSchema, await searchParams);
  // What the person owns is read once, for the queue and for its team filter.
  const owns = await ownershipOf(user.id);
  const [page, teams] = await Promise.all([
    queuePage(user, filters, 25, owns),
    queueTeamOptions(owns, filters.team),
  ]);
  return (
    <>
      <PageHeader
        title="Review queue"
        description="Changes assigned to you first, then changes you may sign off, each by when their first review is due."
      />
      <QueueView initial={JSON.parse(JSON.stringify(page))} teams={teams} />
    </>
  );
}
