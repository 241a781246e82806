import { formatDateTime } from "@/components/ui/date";
import { sourceName } from "@/lib/domain/integrations/incident-events";
import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth/guards";
import { BackLink } from "@/components/ui/back-link";
import { readNotificationsAbout } from "@/lib/server/notifications";
import { orNotFound } from "@/lib/auth/or-not-found";
import { can } from "@/lib/authz/can";
import { getIncident, suspectChanges } from "@/lib/server/incidents/queries";
import { subjectTimeline } from "@/lib/server/audit/list";
import { PageHeader } from "@/components/ui/page-header";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { TierBadge } from "@/components/systems/tier-badge";
import { Facts } from "@/components/ui/facts";
import { AuditTimeline } from "@/components/audit/timeline";
import { IncidentStatusBadge, SeverityBadge } from "@/components/incidents/badges";
import { IncidentForm } from "@/components/incidents/incident-form";
import { localTime } from "@/components/incidents/form-values";
import { LinkedChanges, SuspectList } from "@/components/incidents/suspects";
import { IncidentTimeline } from "@/components/incidents/notes";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ key: string }>;
}): Promise<Metadata> {
  return { title: (await params).key };
}

const when = (d: Date | null) => formatDateTime(d);
const num = (n: number | null) => (n === null ? "—" : n.toLocaleString("en-US"));

export default async function IncidentPage({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const user = await requirePage("incidents:read", `/incidents/${key}`);
  const incident = await orNotFound(getIncident(key.toUpperCase()));
  await readNotificationsAbout(user, `/incidents/${incident.key}`);
  const canWrite = can(user, "incidents:write");
  const [suspects, history] = await Promise.all([
    suspectChanges(incident.id, incident.startedAt),
    subjectTimeline("incident", incident.id, 20),
  ]);
  const restoreHours = incident.resolvedAt
    ? (incident.resolvedAt.getTime() - incident.startedAt.getTime()) / 3_600_000
    : null;

  return (
    <>
      <PageHeader
        eyebrow={
          <BackLink
            fallback={{ href: "/incidents", label: "Incidents" }}
            here={`/incidents/${incident.key}`}
          />
        }
        title={
          <span className="flex flex-wrap items-center gap-3">
            <span className="font-mono text-slate-600">{incident.key}</span> {incident.title}
          </span>
        }
        description={
          <span className="flex flex-wrap items-center gap-2">
            <SeverityBadge severity={incident.severity} />
            <IncidentStatusBadge status={incident.status} />
            <span>
              {incident.reportedBy ? (
                <>
                  recorded by {incident.reportedBy.name} (@{incident.reportedBy.handle})
                </>
              ) : (
                <>recorded by {sourceName(incident.source) ?? "an integration"}</>
              )}
            </span>
            {incident.externalUrl && (
              <a
                href={incident.externalUrl}
                className="text-indigo-700 underline underline-offset-2"
                rel="noreferrer"
              >
                open in {sourceName(incident.source) ?? "the source"}
              </a>
            )}
          </span>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card>
            <CardHeader
              title="Suspect changes"
              description="Deployed to an affected system in the 24 hours before the incident started; ranked by closeness in time (60%) and risk (40%)."
            />
            <SuspectList
              incidentKey={incident.key}
              canWrite={canWrite}
              suspects={suspects.map((s) => ({
                key: s.key,
                title: s.title,
                deployedAt: s.deployedAt.toISOString(),
                aiExtent: s.aiExtent,
                linesChanged: s.linesChanged,
                riskFlags: s.riskFlags,
                authorName: s.authorName,
                authorLevel: s.authorLevel,
                systems: s.systems,
                score: s.score,
                risk: s.risk,
                hoursBefore: s.hoursBefore,
                linkedAs: s.linkedAs,
              }))}
            />
          </Card>
          <Card>
            <CardHeader
              title="Linked changes"
              description="A change linked as CAUSE shows this incident on its page and counts in the change failure rate."
            />
            <LinkedChanges
              incidentKey={incident.key}
              canWrite={canWrite}
              links={incident.changes.map((l) => ({
                kind: l.kind,
                key: l.change.key,
                title: l.change.title,
                linkedBy: l.linkedBy.name,
              }))}
            />
          </Card>
          <Card>
            <CardHeader title="Timeline" />
            <IncidentTimeline
              incidentKey={incident.key}
              canWrite={canWrite}
              notes={incident.notes.map((n) => ({
                id: n.id,
                at: n.at.toISOString(),
                text: n.text,
                author: n.author.name,
              }))}
            />
          </Card>
          {canWrite ? (
            <Card>
              <details>
                <summary className="cursor-pointer px-5 py-4 text-base font-semibold text-slate-900">
                  Edit the incident
                </summary>
                <CardBody>
                  <IncidentForm
                    incidentKey={incident.key}
                    initial={{
                      title: incident.title,
                      severity: incident.severity,
                      status: incident.status,
                      startedAt: localTime(incident.startedAt.toISOString()),
                      detectedAt: localTime(incident.detectedAt.toISOString()),
                      mitigatedAt: localTime(incident.mitigatedAt?.toISOString()),
                      resolvedAt: localTime(incident.resolvedAt?.toISOString()),
                      systems: incident.systems.map((s) => s.system.slug),
                      errors: incident.errors?.toString() ?? "",
                      lostOrders: incident.lostOrders?.toString() ?? "",
                      customersAffected: incident.customersAffected?.toString() ?? "",
                      summary: incident.summary,
                      postmortemUrl: incident.postmortemUrl ?? "",
                    }}
                  />
                </CardBody>
              </details>
            </Card>
          ) : null}
        </div>
        <div className="space-y-6">
          <Card>
            <CardHeader title="When" />
            <CardBody>
              <Facts
                items={[
                  ["Started", when(incident.startedAt)],
                  ["Detected", when(incident.detectedAt)],
                  ["Mitigated", when(incident.mitigatedAt)],
                  ["Resolved", when(incident.resolvedAt)],
                  [
                    "Time to restore",
                    restoreHours === null ? "not resolved" : `${restoreHours.toFixed(1)} h`,
                  ],
                ]}
              />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Impact" />
            <CardBody>
              <Facts
                columns={3}
                items={[
                  ["Errors", num(incident.errors)],
                  ["Lost orders", num(incident.lostOrders)],
                  ["Customers", num(incident.customersAffected)],
                ]}
              />
              {incident.summary ? (
                <p className="mt-3 whitespace-pre-wrap text-sm text-slate-800">
                  {incident.summary}
                </p>
              ) : null}
              {incident.postmortemUrl ? (
                <p className="mt-3 text-sm">
                  <a
                    href={incident.postmortemUrl}
                    className="text-brand-700 underline hover:text-brand-800"
                    rel="noreferrer noopener"
                    target="_blank"
                  >
                    Postmortem ↗
                  </a>
                </p>
              ) : null}
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Affected systems" />
            <ul className="divide-y divide-slate-100">
              {incident.systems.map(({ system: s }) => (
                <li
                  key={s.id}
                  className="flex items-center justify-between gap-2 px-5 py-2.5 text-sm"
                >
                  <Link
                    href={`/systems/${s.slug}`}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    {s.name}
                  </Link>
                  <span className="flex items-center gap-2 text-xs text-slate-600">
                    {s.owningTeam.name} <TierBadge tier={s.tier} />
                  </span>
                </li>
              ))}
            </ul>
          </Card>
          <Card>
            <CardHeader title="History" description="From the audit trail." />
            <AuditTimeline
              events={history}
              moreHref={can(user, "audit:read") ? `/audit?subject=${incident.key}` : null}
            />
          </Card>
        </div>
      </div>
    </>
  );
}
