import type { Metadata } from "next";
import { requirePage } from "@/lib/auth/guards";
import { orNotFound } from "@/lib/auth/or-not-found";
import { getChange } from "@/lib/server/changes/queries";
import { incidentsOfChange } from "@/lib/server/incidents/queries";
import { changeTimeline } from "@/lib/server/audit/list";
import { reviewPageData } from "@/lib/server/changes/review-page";
import { openForReview } from "@/lib/server/changes/review";
import { can } from "@/lib/authz/can";
import { isAuthorOrCoAuthor } from "@/lib/domain/changes/people";
import type { RiskHit } from "@/lib/domain/risk/detect";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { BackLink } from "@/components/ui/back-link";
import { AiBadge, RiskBadges, StatusBadge } from "@/components/changes/badges";
import { AuditTimeline } from "@/components/audit/timeline";
import { ReviewWorkspace } from "@/components/changes/review/workspace";
import { SecondLookCard } from "@/components/changes/review/second-look-card";
import { TranscriptPanel } from "@/components/changes/review/transcript-panel";
import { transcriptsOf } from "@/lib/server/changes/transcripts";
import { readNotificationsAbout } from "@/lib/server/notifications";
import { ReviewHistory } from "@/components/changes/review/review-history";
import { AuthorActions } from "@/components/changes/review/author-actions";
import { IncidentsBanner, SignOffBanner } from "@/components/changes/page/banners";
import {
  DisclosureCard,
  IntentCard,
  RevisionCard,
  RiskCard,
} from "@/components/changes/page/content-cards";
import {
  PeopleCard,
  RequirementsCard,
  ReviewersCard,
} from "@/components/changes/page/sign-off-cards";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ key: string }>;
}): Promise<Metadata> {
  return { title: (await params).key };
}

export default async function ChangePage({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const user = await requirePage("portal:use", `/changes/${key}`);
  const change = await orNotFound(getChange(user, key.toUpperCase()));
  const [history, review, incidents] = await Promise.all([
    changeTimeline(change.key, 20),
    change.status === "DRAFT" ? Promise.resolve(null) : reviewPageData(user, change.key),
    incidentsOfChange(change.id),
  ]);
  // A person who may sign the change starts their measured review time by opening it; nobody
  // else's view writes anything.
  if (review?.canReview) await openForReview(user, change.key);
  await readNotificationsAbout(user, `/changes/${change.key}`);
  const draftTranscripts = review ? null : await transcriptsOf(change.id);
  const hits = (change.revisions[0]?.riskHits ?? []) as unknown as RiskHit[];
  const isAuthor = isAuthorOrCoAuthor(
    { authorId: change.authorId, coAuthorIds: change.coAuthors.map((c) => c.user.id) },
    user.id,
  );
  const back = isAuthor
    ? { href: "/changes", label: "My changes" }
    : can(user, "queue:read")
      ? { href: "/queue", label: "Review queue" }
      : { href: "/systems", label: "Systems" };

  return (
    <>
      <PageHeader
        eyebrow={<BackLink fallback={back} here={`/changes/${change.key}`} />}
        title={
          <span className="flex flex-wrap items-center gap-3">
            <span className="font-mono text-slate-600">{change.key}</span> {change.title}
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
      {review ? <SignOffBanner change={change} approval={review.approval} /> : null}
      <IncidentsBanner incidents={incidents} linkable={can(user, "incidents:read")} />
      <div className="grid gap-6 lg:grid-cols-5">
        <div className="space-y-6 lg:col-span-3">
          <IntentCard change={change} />
          <DisclosureCard change={change} />
          <RiskCard change={change} hits={hits} />
          <RevisionCard change={change} />
          {draftTranscripts ? (
            <TranscriptPanel
              changeKey={change.key}
              transcripts={draftTranscripts}
              sessionUrl={change.aiSessionUrl}
              canUpload={isAuthor}
            />
          ) : null}
        </div>
        <div className="space-y-6 lg:col-span-2">
          <RequirementsCard change={change} progress={review?.progress ?? {}} />
          <ReviewersCard change={change} />
          <PeopleCard change={change} />
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
            linesChanged={review.linesChanged}
            revisionNote={review.revisionNote}
            threads={review.threads}
            canComment={review.canComment}
            resolveRight={review.resolveRight}
            transcripts={review.transcripts}
            sessionUrl={review.sessionUrl}
            canUpload={review.canUpload}
            aiWritten={review.aiWritten}
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
      {review ? (
        <SecondLookCard
          changeKey={change.key}
          looks={review.secondLooks}
          mine={review.mySecondLook !== null}
          mayAsk={review.mayAskSecondLook}
        />
      ) : null}
      <Card className="mt-6" aria-labelledby="history-title">
        <CardHeader id="history-title" title="History" description="From the audit trail." />
        <AuditTimeline
          events={history}
          moreHref={can(user, "audit:read") ? `/audit?change=${change.key}` : null}
          hideStamp={!review?.seesStamps}
        />
      </Card>
    </>
  );
}
