import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth/guards";
import { orNotFound } from "@/lib/auth/or-not-found";
import { getTeam } from "@/lib/server/teams";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { LevelBadge } from "@/components/people/level-badge";
import { TierBadge } from "@/components/systems/tier-badge";
import { OutOfOffice } from "@/components/people/out-of-office";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ slug: string }>;
}): Promise<Metadata> {
  return { title: `Team ${(await params).slug}` };
}

export default async function TeamPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requirePage("teams:read", `/teams/${slug}`);
  const team = await orNotFound(getTeam(slug));
  const tier1 = team.systems.filter((s) => s.tier === 1).length;
  const seniors = team.members.filter(
    (m) => m.user.level === "SENIOR" || m.user.level === "PRINCIPAL",
  ).length;

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/people" className="hover:underline">
            ← People
          </Link>
        }
        title={team.name}
        description={
          <>
            {team.description} Manager:{" "}
            {team.manager ? (
              <strong className="font-medium text-slate-800">{team.manager.name}</strong>
            ) : (
              "none"
            )}
            . {team.members.length} engineers ({seniors} senior or principal), {team.systems.length}{" "}
            systems ({tier1} tier 1).
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Members" />
          <Table label="Members">
            <THead>
              <tr>
                <Th>Person</Th>
                <Th>Level</Th>
                <Th>Availability</Th>
              </tr>
            </THead>
            <TBody>
              {team.members.map(({ user }) => (
                <tr key={user.id}>
                  <Td>
                    <span className="font-medium text-slate-900">{user.name}</span>
                    <span className="block text-xs text-slate-600">@{user.handle}</span>
                  </Td>
                  <Td>
                    <LevelBadge level={user.level} />
                  </Td>
                  <Td>
                    {user.active ? (
                      <OutOfOffice until={user.outOfOfficeUntil} />
                    ) : (
                      <Badge tone="red">Inactive</Badge>
                    )}
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
        </Card>
        <Card>
          <CardHeader title="Systems owned" />
          <Table label="Systems owned">
            <THead>
              <tr>
                <Th>System</Th>
                <Th>Tier</Th>
              </tr>
            </THead>
            <TBody>
              {team.systems.map((system) => (
                <tr key={system.slug}>
                  <Td>
                    <Link
                      href={`/systems/${system.slug}`}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {system.name}
                    </Link>
                  </Td>
                  <Td>
                    <TierBadge tier={system.tier} />
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
        </Card>
      </div>
    </>
  );
}
