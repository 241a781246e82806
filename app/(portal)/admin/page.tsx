import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth/guards";
import { organisationCounts } from "@/lib/server/admin";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requirePage("admin:use", "/admin");
  const { people, teams, systems, tier1, rules } = await organisationCounts();
  const stats = [
    { label: "Active people", value: people, href: "/people" },
    { label: "Teams", value: teams, href: "/people" },
    { label: "Systems", value: systems, href: "/systems" },
    { label: "Tier-1 systems", value: tier1, href: "/systems?tier=1" },
    { label: "Ownership rules", value: rules, href: "/systems" },
  ];
  return (
    <>
      <PageHeader
        title="Admin"
        description="The organisation Countersign routes by: systems, teams and ownership."
      />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        {stats.map((s) => (
          <Link
            key={s.label}
            href={s.href}
            className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm hover:border-brand-500"
          >
            <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{s.label}</p>
            <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">
              {s.value.toLocaleString("en")}
            </p>
          </Link>
        ))}
      </div>
      <Card className="mt-6">
        <CardHeader title="Policy and freeze windows" />
        <CardBody>
          <p className="text-sm text-slate-700">
            Dated rules on top of the routing policy, such as the tier-1 safety reset or a holiday
            freeze.{" "}
            <Link href="/admin/windows" className="text-brand-700 underline hover:text-brand-800">
              Manage windows →
            </Link>
          </p>
        </CardBody>
      </Card>
      <Card className="mt-6">
        <CardHeader title="API tokens" />
        <CardBody>
          <p className="text-sm text-slate-700">
            Tokens for pipelines and scripts, with their scopes, expiry and last use.{" "}
            <Link href="/admin/tokens" className="text-brand-700 underline hover:text-brand-800">
              Manage tokens →
            </Link>
          </p>
        </CardBody>
      </Card>
      <Card className="mt-6">
        <CardHeader title="Integrations" />
        <CardBody>
          <p className="text-sm text-slate-700">
            GitHub and GitLab pull requests, PagerDuty incidents, and the deliveries they sent.{" "}
            <Link
              href="/admin/integrations"
              className="text-brand-700 underline hover:text-brand-800"
            >
              Manage integrations →
            </Link>
          </p>
        </CardBody>
      </Card>
      <Card className="mt-6">
        <CardHeader title="Editing systems" />
        <CardBody>
          <p className="text-sm text-slate-700">
            Open a system from the{" "}
            <Link href="/systems" className="text-brand-700 underline hover:text-brand-800">
              catalog
            </Link>{" "}
            and use <strong>Edit system</strong> to change its tier, owning team or extra approvers.
            Every edit asks for confirmation and shows what it means for sign-off.
          </p>
        </CardBody>
      </Card>
    </>
  );
}
