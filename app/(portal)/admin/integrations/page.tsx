import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth/guards";
import { mailConfig } from "@/lib/mail/config";
import { listConnections } from "@/lib/server/integrations/connections";
import { integrationChoices } from "@/lib/server/admin";
import { PageHeader } from "@/components/ui/page-header";
import { AddConnection } from "@/components/integrations/add-connection";
import { ConnectionCard } from "@/components/integrations/connection-card";
import { Endpoints } from "@/components/integrations/endpoints";
import { listEndpoints } from "@/lib/server/integrations/outbound";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  const user = await requirePage("integrations:edit", "/admin/integrations");
  const [connections, endpoints, choices] = await Promise.all([
    listConnections(user),
    listEndpoints(user),
    integrationChoices(),
  ]);
  const { publicUrl } = mailConfig();
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/admin" className="hover:underline">
            ← Admin
          </Link>
        }
        title="Integrations"
        description="Pull requests from GitHub and GitLab become change requests and carry the countersign/sign-off status; incidents from PagerDuty (or any tool) list their suspect changes."
      />
      <div className="space-y-6">
        {connections.map((c) => (
          <ConnectionCard
            key={c.id}
            connection={c}
            publicUrl={publicUrl}
            repositories={choices.repositories}
            systems={choices.systems}
          />
        ))}
        <AddConnection publicUrl={publicUrl} />
        <Endpoints endpoints={endpoints} teams={choices.teams} />
      </div>
    </>
  );
}
