import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { first, type RawSearchParams } from "@/lib/search-params";
import { PageHeader } from "@/components/ui/page-header";
import { Card, CardBody } from "@/components/ui/card";
import { IncidentForm } from "@/components/incidents/incident-form";
import { blankIncident } from "@/components/incidents/form-values";

export const metadata: Metadata = { title: "Record incident" };

export default async function NewIncidentPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  await requirePage("incidents:write", "/incidents/new");
  const system = first((await searchParams).system);
  const known = system
    ? await db.system.findUnique({ where: { slug: system }, select: { slug: true } })
    : null;
  const preset = known ? [known.slug] : [];
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/incidents" className="hover:underline">
            ← Incidents
          </Link>
        }
        title="Record an incident"
        description="Once recorded, the incident page proposes the changes deployed to the affected systems in the 24 hours before it started."
      />
      <Card>
        <CardBody>
          <IncidentForm initial={blankIncident(preset)} />
        </CardBody>
      </Card>
    </>
  );
}
