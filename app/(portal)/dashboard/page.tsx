import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requirePage } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { first, type RawSearchParams } from "@/lib/search-params";
import { pageMetrics } from "@/lib/server/metrics/cache";
import { sharedRead } from "@/lib/server/shared-read";
import { PageHeader } from "@/components/ui/page-header";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { SecondLooksCard } from "@/components/dashboard/second-looks";
import { secondLookFigures } from "@/lib/server/changes/second-look";

export const metadata: Metadata = { title: "Dashboard" };

const FILTERS = ["days", "from", "to", "team", "system", "tier"];

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const user = await requirePage("dashboard:read", "/dashboard");
  const raw = await searchParams;
  // A team manager starts on their team (one click from everyone, in the team filter).
  if (Object.keys(raw).length === 0) {
    const managed = await db.team.findFirst({
      where: { managerId: user.id },
      orderBy: { name: "asc" },
      select: { slug: true },
    });
    if (managed) redirect(`/dashboard?team=${managed.slug}`);
  }
  const params = Object.fromEntries(FILTERS.map((k) => [k, first(raw[k])]));
  const { scope, metrics, problem } = await pageMetrics(params, user.id);
  // Shared between loads while nothing is written (lib/server/shared-read.ts).
  const looks = await sharedRead(
    `second-looks ${scope.from.toISOString()} ${scope.to.toISOString()}`,
    () => secondLookFigures(scope.from, scope.to),
  );
  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Are incidents going up, do AI-assisted changes fail more than others, which teams' seniors are overloaded, and which approvals look like rubber stamps."
      />
      {problem ? (
        <p role="alert" className="mb-4 rounded-md bg-red-50 px-4 py-2 text-sm text-red-800">
          The filters in the address are not valid ({problem}); showing the last 90 days.
        </p>
      ) : null}
      <DashboardView initial={metrics} />
      <SecondLooksCard approvers={looks.approvers} teams={looks.teams} />
    </>
  );
}
