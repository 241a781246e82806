// The right column of the change page: who must sign off and why (per requirement, with its
// progress and every candidate's verdict), the reviewers on the change, and the people.
import Link from "next/link";
import type { ChangeDetail } from "@/lib/server/changes/queries";
import type { Level } from "@/lib/domain/levels";
import { assignmentLabel } from "@/lib/domain/changes/progress";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { LevelBadge } from "@/components/people/level-badge";
import { TierBadge } from "@/components/systems/tier-badge";
import { RequirementBadge } from "@/components/changes/badges";
import { CandidateList, type CandidateRow } from "@/components/changes/candidate-list";
import { Field, when } from "./fields";

type Requirement = ChangeDetail["requirements"][number];

function RequirementItem({
  requirement: r,
  progress,
  assignedIds,
}: {
  requirement: Requirement;
  progress: string | undefined;
  assignedIds: Set<string>;
}) {
  const candidates = (
    r.candidates as unknown as (Omit<CandidateRow, "assigned"> & {
      personId: string;
      level: Level;
    })[]
  ).map((c) => ({ ...c, assigned: assignedIds.has(c.personId) }));
  return (
    <li className="px-5 py-4" aria-label={`Requirement for ${r.system.slug}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Link
          href={`/systems/${r.system.slug}`}
          className="font-medium text-brand-700 hover:underline"
        >
          {r.system.name}
        </Link>
        <span className="flex items-center gap-1.5">
          <TierBadge tier={r.system.tier} />
          <RequirementBadge state={r.state} />
        </span>
      </div>
      <p className="mt-1 text-sm text-slate-800">
        {r.approvalsRequired} approval{r.approvalsRequired === 1 ? "" : "s"} from {r.minLevel} or
        above
        {r.principalRequired ? ", at least one PRINCIPAL" : ""}
        {r.frozen ? " · frozen" : ""}
      </p>
      {progress ? (
        <p
          className="mt-1 text-sm font-medium text-slate-900"
          data-testid={`progress-${r.system.slug}`}
        >
          {progress}
        </p>
      ) : null}
      {r.stateReason ? (
        <p
          className={`mt-1 text-sm ${r.state === "UNROUTABLE" ? "font-medium text-red-700" : "text-amber-800"}`}
        >
          {r.stateReason}
        </p>
      ) : null}
      <p className="mt-2 text-xs font-medium text-slate-600">Why</p>
      <ul className="mt-0.5 list-disc space-y-0.5 pl-5 text-xs text-slate-700">
        {r.rules.map((rule) => (
          <li key={rule}>{rule}</li>
        ))}
      </ul>
      <CandidateList candidates={candidates} label={`Candidates for ${r.system.slug}`} />
    </li>
  );
}

export function RequirementsCard({
  change,
  progress,
}: {
  change: ChangeDetail;
  /** systemSlug -> where its requirement stands, in words (absent for a draft). */
  progress: Record<string, string>;
}) {
  const assignedIds = new Set(
    change.assignments.filter((a) => a.state === "OPEN").map((a) => a.reviewerId),
  );
  return (
    <Card>
      <CardHeader
        title="Sign-off required"
        description={
          change.status === "DRAFT"
            ? "Worked out when the change is submitted."
            : `First review due ${when(change.slaDueAt)}.`
        }
      />
      {change.requirements.length === 0 ? (
        <CardBody>
          <p className="text-sm text-slate-600">
            {change.status === "DRAFT" ? "Submit the change to route it." : "No requirements."}
          </p>
        </CardBody>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Requirements">
          {change.requirements.map((r) => (
            <RequirementItem
              key={r.id}
              requirement={r}
              progress={progress[r.system.slug]}
              assignedIds={assignedIds}
            />
          ))}
        </ul>
      )}
    </Card>
  );
}

function AssignmentBadge({ label }: { label: "pending" | "reviewed" | "released" }) {
  const tone = label === "pending" ? "amber" : label === "reviewed" ? "green" : "neutral";
  return <Badge tone={tone}>{label}</Badge>;
}

export function ReviewersCard({ change }: { change: ChangeDetail }) {
  return (
    <Card>
      <CardHeader title="Reviewers" />
      {change.assignments.length === 0 ? (
        <CardBody>
          <p className="text-sm text-slate-600">Nobody is assigned yet.</p>
        </CardBody>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Assigned reviewers">
          {change.assignments.map((a) => (
            <li key={a.id} className="px-5 py-3">
              <div className="flex items-center justify-between gap-2">
                <span className="text-sm font-medium text-slate-900">
                  {a.reviewer.name}{" "}
                  <span className="font-normal text-slate-600">@{a.reviewer.handle}</span>
                </span>
                <span className="flex items-center gap-1.5">
                  <AssignmentBadge label={assignmentLabel(a.state, change.status)} />
                  <LevelBadge level={a.reviewer.level} />
                </span>
              </div>
              <p className="mt-0.5 text-xs text-slate-600">{a.reason}</p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function PeopleCard({ change }: { change: ChangeDetail }) {
  return (
    <Card>
      <CardHeader title="People" />
      <CardBody>
        <dl className="space-y-3">
          <Field label="Author">
            {change.author.name} <LevelBadge level={change.author.level} />
          </Field>
          <Field label="Co-authors">
            {change.coAuthors.length
              ? change.coAuthors.map((c) => `${c.user.name} (@${c.user.handle})`).join(", ")
              : "—"}
          </Field>
          <Field label="Systems">
            <span className="flex flex-wrap gap-1">
              {change.systems.map((s) => (
                <Badge
                  key={s.system.id}
                  tone={s.source === "ADDED" ? "violet" : "neutral"}
                  title={s.source === "ADDED" ? "added by the author" : "from the changed paths"}
                >
                  {s.system.slug}
                </Badge>
              ))}
            </span>
          </Field>
        </dl>
      </CardBody>
    </Card>
  );
}
