import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth/guards";
import { orNotFound } from "@/lib/auth/or-not-found";
import { getChange } from "@/lib/server/changes/queries";
import { incidentsOfChange } from "@/lib/server/incidents/queries";
import { LinkKindBadge, SeverityBadge } from "@/components/incidents/badges";
import { subjectTimeline } from "@/lib/server/audit/list";
import { can } from "@/lib/authz/can";
import { isAuthorOrCoAuthor } from "@/lib/domain/changes/people";
import { assignmentLabel } from "@/lib/domain/changes/progress";
import type { RiskHit } from "@/lib/domain/risk/detect";
import type { Level } from "@/lib/domain/levels";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { LevelBadge } from "@/components/people/level-badge";
import { TierBadge } from "@/components/systems/tier-badge";
import { AiBadge, RequirementBadge, RiskBadges, StatusBadge } from "@/components/changes/badges";
import { CandidateList, type CandidateRow } from "@/components/changes/candidate-list";
import { RiskHits } from "@/components/changes/risk-hits";
import { AuditTimeline } from "@/components/audit/timeline";
import { ButtonLink } from "@/components/ui/button";
import { reviewPageData } from "@/lib/server/changes/review-page";
import { openForReview } from "@/lib/server/changes/review";
import { ReviewWorkspace } from "@/components/changes/review/workspace";
import { ReviewHistory } from "@/components/changes/review/review-history";
import { AuthorActions } from "@/components/changes/review/author-actions";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ key: string }>;
}): Promise<Metadata> {
  return { title: (await params).key };
}

const when = (d: Date | null) =>
  d ? d.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "—";

function AssignmentBadge({ label }: { label: "pending" | "reviewed" | "released" }) {
  const tone = label === "pending" ? "amber" : label === "reviewed" ? "green" : "neutral";
  return <Badge tone={tone}>{label}</Badge>;
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

function Prose({ text, empty }: { text: string | null; empty: string }) {
  return text ? (
    <p className="whitespace-pre-wrap text-sm leading-6 text-slate-800">{text}</p>
  ) : (
    <p className="text-sm text-slate-500">{empty}</p>
  );
}

export default async function ChangePage({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const user = await requirePage("portal:use", `/changes/${key}`);
  const change = await orNotFound(getChange(user, key.toUpperCase()));
  // A person who may sign the change starts their measured review time by opening it.
  if (change.status !== "DRAFT") await openForReview(user, change.key);
  const [history, review, incidents] = await Promise.all([
    subjectTimeline("change", change.id, 20),
    change.status === "DRAFT" ? Promise.resolve(null) : reviewPageData(user, change.key),
    incidentsOfChange(change.id),
  ]);
  const revision = change.revisions[0];
  const hits = (revision?.riskHits ?? []) as unknown as RiskHit[];
  const assignedIds = new Set(
    change.assignments.filter((a) => a.state === "OPEN").map((a) => a.reviewerId),
  );
  const isAuthor = isAuthorOrCoAuthor(
    { authorId: change.authorId, coAuthorIds: change.coAuthors.map((c) => c.user.id) },
    user.id,
  );

  return (
    <>
      <PageHeader
        eyebrow={
          <Link
            href={isAuthor ? "/changes" : can(user, "queue:read") ? "/queue" : "/systems"}
            className="hover:underline"
          >
            ← {isAuthor ? "My changes" : can(user, "queue:read") ? "Review queue" : "Systems"}
          </Link>
        }
        title={
          <span className="flex flex-wrap items-center gap-3">
            <span className="font-mono text-slate-500">{change.key}</span> {change.title}
          </span>
        }
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge status={change.status} />
            <AiBadge extent={change.aiExtent} />
            {change.emergency ? <Badge tone="red">Emergency</Badge> : null}
            <RiskBadges flags={change.riskFlags} />
            <span>
              by <strong className="font-medium text-slate-800">{change.author.name}</strong> (@
              {change.author.handle}, {change.author.level.toLowerCase()}) in{" "}
              <span className="font-mono">{change.repository.name}</span>
            </span>
          </span>
        }
        actions={
          isAuthor && change.status === "DRAFT" ? (
            <ButtonLink href={`/changes/new?draft=${change.key}`} variant="secondary">
              Continue editing
            </ButtonLink>
          ) : isAuthor && review ? (
            <AuthorActions
              changeKey={change.key}
              status={change.status}
              deployable={review.approval.deployable}
              reason={review.approval.reason}
            />
          ) : null
        }
      />
      {review && !["DRAFT", "WITHDRAWN", "REJECTED"].includes(change.status) ? (
        <p
          role="status"
          className={`mb-6 rounded-lg px-4 py-3 text-sm ring-1 ${review.approval.approved ? "bg-emerald-50 text-emerald-900 ring-emerald-200" : "bg-slate-100 text-slate-800 ring-slate-200"}`}
        >
          <strong className="font-semibold">Sign-off: </strong>
          {review.approval.reason}
          {change.retrospectiveDueAt && !change.retrospectiveDoneAt
            ? ` Retrospective review due ${when(change.retrospectiveDueAt)}.`
            : ""}
        </p>
      ) : null}
      {incidents.length > 0 ? (
        <section
          aria-label="Incidents linked to this change"
          className={`mb-6 rounded-lg px-4 py-3 text-sm ring-1 ${incidents.some((l) => l.kind === "CAUSE") ? "bg-red-50 text-red-900 ring-red-200" : "bg-amber-50 text-amber-900 ring-amber-200"}`}
        >
          <strong className="font-semibold">Incidents: </strong>
          <ul className="mt-1 space-y-1">
            {incidents.map((l) => (
              <li key={l.incident.key} className="flex flex-wrap items-center gap-2">
                <LinkKindBadge kind={l.kind} /> <SeverityBadge severity={l.incident.severity} />
                {can(user, "incidents:read") ? (
                  <Link href={`/incidents/${l.incident.key}`} className="font-medium underline">
                    {l.incident.key}
                  </Link>
                ) : (
                  <span className="font-medium">{l.incident.key}</span>
                )}
                <span>{l.incident.title}</span>
                <span className="text-xs opacity-80">started {when(l.incident.startedAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-5">
        <div className="space-y-6 lg:col-span-3">
          <Card>
            <CardHeader title="Intent" description="Why this change, in the author's words." />
            <CardBody>
              <Prose text={change.intent} empty="No intent given yet (draft)." />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="AI disclosure" />
            <CardBody>
              <dl className="grid gap-4 sm:grid-cols-2">
                <Field label="Extent">
                  <AiBadge extent={change.aiExtent} />
                </Field>
                <Field label="Tools">
                  {change.aiTools.length ? change.aiTools.join(", ") : "—"}
                </Field>
                <Field label="Session or prompt log">
                  {change.aiSessionUrl ? (
                    <a
                      href={change.aiSessionUrl}
                      className="break-all text-brand-700 hover:underline"
                      rel="noreferrer"
                    >
                      {change.aiSessionUrl}
                    </a>
                  ) : (
                    "—"
                  )}
                </Field>
                <div className="sm:col-span-2">
                  <Field label="What the AI wrote">
                    <Prose text={change.aiWrote} empty="—" />
                  </Field>
                </div>
              </dl>
            </CardBody>
          </Card>
          <Card>
            <CardHeader
              title="Risk"
              description={
                change.detectedRiskFlags.length
                  ? "Flags detected in the diff are set automatically and cannot be cleared."
                  : "Flags set by the author."
              }
            />
            <CardBody className="space-y-3">
              {change.riskFlags.length ? (
                <RiskBadges flags={change.riskFlags} />
              ) : (
                <p className="text-sm text-slate-600">No risk flags.</p>
              )}
              <RiskHits hits={hits} />
              <dl className="grid gap-4 sm:grid-cols-2">
                <Field label="Rollback plan">
                  <Prose text={change.rollbackPlan} empty="—" />
                </Field>
                <Field label="Test evidence">
                  <Prose text={change.testEvidence} empty="—" />
                </Field>
                {change.emergency ? (
                  <div className="sm:col-span-2">
                    <Field label="Emergency justification">
                      <Prose text={change.emergencyJustification} empty="—" />
                    </Field>
                  </div>
                ) : null}
              </dl>
            </CardBody>
          </Card>
          <Card>
            <CardHeader
              title={`Revision ${change.currentRevision}`}
              description={
                revision
                  ? `${revision.paths.length} file${revision.paths.length === 1 ? "" : "s"}, +${revision.linesAdded} −${revision.linesRemoved}`
                  : undefined
              }
            />
            <CardBody>
              <ul className="space-y-1 font-mono text-xs text-slate-800">
                {(revision?.paths ?? []).slice(0, 200).map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
              {change.prUrl ? (
                <p className="mt-3 text-sm">
                  Pull request:{" "}
                  <a
                    href={change.prUrl}
                    className="text-brand-700 hover:underline"
                    rel="noreferrer"
                  >
                    {change.prUrl}
                  </a>
                </p>
              ) : null}
            </CardBody>
          </Card>
        </div>
        <div className="space-y-6 lg:col-span-2">
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
                  {change.status === "DRAFT"
                    ? "Submit the change to route it."
                    : "No requirements."}
                </p>
              </CardBody>
            ) : (
              <ul className="divide-y divide-slate-100" aria-label="Requirements">
                {change.requirements.map((r) => {
                  const candidates = (
                    r.candidates as unknown as (Omit<CandidateRow, "assigned"> & {
                      personId: string;
                      level: Level;
                    })[]
                  ).map((c) => ({ ...c, assigned: assignedIds.has(c.personId) }));
                  return (
                    <li
                      key={r.id}
                      className="px-5 py-4"
                      aria-label={`Requirement for ${r.system.slug}`}
                    >
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
                        {r.approvalsRequired} approval{r.approvalsRequired === 1 ? "" : "s"} from{" "}
                        {r.minLevel} or above
                        {r.principalRequired ? ", at least one PRINCIPAL" : ""}
                        {r.frozen ? " · frozen" : ""}
                      </p>
                      {review?.progress[r.system.slug] ? (
                        <p
                          className="mt-1 text-sm font-medium text-slate-900"
                          data-testid={`progress-${r.system.slug}`}
                        >
                          {review.progress[r.system.slug]}
                        </p>
                      ) : null}
                      {r.stateReason ? (
                        <p
                          className={`mt-1 text-sm ${r.state === "UNROUTABLE" ? "font-medium text-red-700" : "text-amber-800"}`}
                        >
                          {r.stateReason}
                        </p>
                      ) : null}
                      <p className="mt-2 text-xs font-medium text-slate-500">Why</p>
                      <ul className="mt-0.5 list-disc space-y-0.5 pl-5 text-xs text-slate-700">
                        {r.rules.map((rule) => (
                          <li key={rule}>{rule}</li>
                        ))}
                      </ul>
                      <CandidateList
                        candidates={candidates}
                        label={`Candidates for ${r.system.slug}`}
                      />
                    </li>
                  );
                })}
              </ul>
            )}
          </Card>
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
                        <span className="font-normal text-slate-500">@{a.reviewer.handle}</span>
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
                        title={
                          s.source === "ADDED" ? "added by the author" : "from the changed paths"
                        }
                      >
                        {s.system.slug}
                      </Badge>
                    ))}
                  </span>
                </Field>
              </dl>
            </CardBody>
          </Card>
        </div>
      </div>
      {review ? (
        <div className="mt-6">
          <ReviewWorkspace
            changeKey={change.key}
            revision={review.revision}
            diff={review.diff}
            paths={review.paths}
            hits={hits}
            viewed={review.viewed}
            canReview={review.canReview}
            blockedReason={review.reviewBlockedReason}
            riskFlags={review.riskFlags}
          />
        </div>
      ) : null}
      {review ? (
        <Card className="mt-6">
          <CardHeader
            title="Reviews"
            description="Every decision, with its attestation. Approvals count only for the revision they were given on."
          />
          <ReviewHistory reviews={review.reviews} currentRevision={review.revision} />
        </Card>
      ) : null}
      <Card className="mt-6">
        <CardHeader title="History" description="From the audit trail." />
        <AuditTimeline
          events={history}
          moreHref={can(user, "audit:read") ? `/audit?change=${change.key}` : null}
        />
      </Card>
    </>
  );
}
