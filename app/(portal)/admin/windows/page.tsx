import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth/guards";
import { listWindows } from "@/lib/server/windows";
import { PageHeader } from "@/components/ui/page-header";
import { WindowsEditor } from "@/components/admin/windows-editor";

export const metadata: Metadata = { title: "Policy windows" };

export default async function WindowsPage() {
  await requirePage("policy:edit", "/admin/windows");
  const windows = await listWindows();
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/admin" className="hover:underline">
            ← Admin
          </Link>
        }
        title="Policy and freeze windows"
        description="Dated rules on top of the routing policy: a policy window raises the minimums for the systems it covers (for example a 90-day safety reset); a freeze window stops covered changes from becoming deployable, except emergencies. Changes keep the rules they were routed under."
      />
      <WindowsEditor
        windows={windows.map((w) => ({
          id: w.id,
          name: w.name,
          kind: w.kind,
          startsAt: w.startsAt.toISOString(),
          endsAt: w.endsAt.toISOString(),
          tiers: w.tiers,
          systems: w.systems,
          minApprovals: w.minApprovals,
          minLevel: w.minLevel,
          requirePrincipal: w.requirePrincipal,
          description: w.description,
          state: w.state,
        }))}
      />
    </>
  );
}
