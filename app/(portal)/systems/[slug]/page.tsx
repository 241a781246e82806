import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth/guards";
import { can } from "@/lib/authz/can";
import { orNotFound } from "@/lib/auth/or-not-found";
import { getSystem, systemApprovers } from "@/lib/server/systems";
import { listTeamOptions } from "@/lib/server/teams";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { TierBadge } from "@/components/systems/tier-badge";
import { ApproverTable } from "@/components/systems/approver-table";
import { SystemEditor } from "@/components/systems/system-editor";
import { AuditTimeline } from "@/components/audit/timeline";
import { subjectTimeline } from "@/lib/server/audit/list";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ slug: string }>;
}): Promise<Metadata> {
  return { title: (await params).slug };
}

export default async function SystemPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requirePage("systems:read", `/systems/${slug}`);
  const system = await orNotFound(getSystem(slug));
  const [approvers, teams, history] = await Promise.all([
    systemApprovers(system),
    can(user, "systems:edit") ? listTeamOptions() : Promise.resolve(null),
    subjectTimeline("system", system.id, 10),
  ]);
  const extraUsers = system.extraApprovers.flatMap((a) => (a.user ? [a.user] : []));
  const extraTeams = system.extraApprovers.flatMap((a) => (a.team ? [a.team] : []));

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/systems" className="hover:underline">
            ← Systems
          </Link>
        }
        title={
          <span className="flex flex-wrap items-center gap-3">
            {system.name} <TierBadge tier={system.tier} />
            {system.customerFacing ? <Badge tone="brand">Customer-facing</Badge> : null}
          </span>
        }
        description={system.description}
        actions={
          teams ? (
            <SystemEditor
              slug={system.slug}
              current={{
                tier: system.tier,
                owningTeam: system.owningTeam.slug,
                users: extraUsers.map((u) => u.handle),
                teams: extraTeams.map((t) => t.slug),
              }}
              teams={teams}
            />
          ) : null
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-1">
          <CardHeader title="About" />
          <CardBody>
            <dl className="space-y-3 text-sm">
              <div>
                <dt className="text-slate-600">Slug</dt>
                <dd className="font-mono text-slate-900">{system.slug}</dd>
              </div>
              <div>
                <dt className="text-slate-600">Owning team</dt>
                <dd>
                  <Link
                    href={`/teams/${system.owningTeam.slug}`}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    {system.owningTeam.name}
                  </Link>
                  {system.owningTeam.manager ? (
                    <span className="text-slate-600">
                      {" "}
                      · manager {system.owningTeam.manager.name}
                    </span>
                  ) : null}
                </dd>
              </div>
              <div>
                <dt className="text-slate-600">Repositories</dt>
                <dd>
                  <ul className="space-y-0.5">
                    {system.repositories.map(({ repository }) => (
                      <li key={repository.id} className="font-mono text-slate-900">
                        {repository.name}
                      </li>
                    ))}
                    {system.repositories.length === 0 ? (
                      <li className="text-slate-600">None linked</li>
                    ) : null}
                  </ul>
                </dd>
              </div>
              <div>
                <dt className="text-slate-600">Extra approvers</dt>
                <dd className="flex flex-wrap gap-1.5 pt-0.5">
                  {extraUsers.map((u) => (
                    <Badge key={u.id}>@{u.handle}</Badge>
                  ))}
                  {extraTeams.map((t) => (
                    <Badge key={t.id} tone="brand">
                      team {t.slug}
                    </Badge>
                  ))}
                  {extraUsers.length + extraTeams.length === 0 ? (
                    <span className="text-slate-600">None</span>
                  ) : null}
                </dd>
              </div>
            </dl>
          </CardBody>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader
            title="Ownership rules"
            description="CODEOWNERS-style lines that map changed paths to this system. The last matching line in a repository wins."
          />
          {system.rules.length === 0 ? (
            <CardBody>
              <p className="text-sm text-slate-600">No rules map paths to this system.</p>
            </CardBody>
          ) : (
            <Table label="Ownership rules">
              <THead>
                <tr>
                  <Th>Repository</Th>
                  <Th>Pattern</Th>
                  <Th>Owners</Th>
                  <Th>Source</Th>
                </tr>
              </THead>
              <TBody>
                {system.rules.map((rule) => (
                  <tr key={rule.id}>
                    <Td className="font-mono text-xs">{rule.repository.name}</Td>
                    <Td className="font-mono text-xs">{rule.pattern}</Td>
                    <Td className="text-xs">
                      {rule.ownerLabels.join(" ") || (
                        <span className="text-slate-600">unowned</span>
                      )}
                    </Td>
                    <Td className="text-xs text-slate-600">{rule.source.toLowerCase()}</Td>
                  </tr>
                ))}
              </TBody>
            </Table>
          )}
        </Card>
      </div>
      <Card className="mt-6">
        <CardHeader
          id="approvers"
          title="Who may approve changes to this system"
          description="Derived from the routing rules: ownership, level and availability. Each person shows why."
        />
        {approvers.strict.minLevel === approvers.relaxed.minLevel ? (
          <ApproverTable
            title={`Any change to this tier-${system.tier} system`}
            rule={approvers.strict.rule}
            candidates={approvers.strict.candidates}
          />
        ) : (
          <div className="grid gap-0 divide-y divide-slate-200 xl:grid-cols-2 xl:divide-x xl:divide-y-0">
            <ApproverTable
              title="AI-assisted change by a junior or mid-level author"
              rule={approvers.strict.rule}
              candidates={approvers.strict.candidates}
            />
            <ApproverTable
              title="Change without AI, or by a senior author"
              rule={approvers.relaxed.rule}
              candidates={approvers.relaxed.candidates}
            />
          </div>
        )}
      </Card>
      <Card className="mt-6">
        <CardHeader
          id="history"
          title="History"
          description="Edits to this system, from the audit trail."
        />
        <AuditTimeline
          events={history}
          moreHref={can(user, "audit:read") ? `/audit?subject=${system.slug}` : null}
        />
      </Card>
    </>
  );
}
