// The left column of the change page: what the change is and how it was made: intent, AI
// disclosure, risk, and the current revision's files.
import type { ChangeDetail } from "@/lib/server/changes/queries";
import type { RiskHit } from "@/lib/domain/risk/detect";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { AiBadge, RiskBadges } from "@/components/changes/badges";
import { RiskHits } from "@/components/changes/risk-hits";
import { Field, Prose } from "./fields";

export function IntentCard({ change }: { change: ChangeDetail }) {
  return (
    <Card>
      <CardHeader title="Intent" description="Why this change, in the author's words." />
      <CardBody>
        <Prose text={change.intent} empty="No intent given yet (draft)." />
      </CardBody>
    </Card>
  );
}

export function DisclosureCard({ change }: { change: ChangeDetail }) {
  return (
    <Card>
      <CardHeader title="AI disclosure" />
      <CardBody>
        <dl className="grid gap-4 sm:grid-cols-2">
          <Field label="Extent">
            <AiBadge extent={change.aiExtent} />
          </Field>
          <Field label="Tools">{change.aiTools.length ? change.aiTools.join(", ") : "—"}</Field>
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
          <Field label="What the AI wrote" className="sm:col-span-2">
            <Prose text={change.aiWrote} empty="—" />
          </Field>
        </dl>
      </CardBody>
    </Card>
  );
}

export function RiskCard({ change, hits }: { change: ChangeDetail; hits: RiskHit[] }) {
  return (
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
            <Field label="Emergency justification" className="sm:col-span-2">
              <Prose text={change.emergencyJustification} empty="—" />
            </Field>
          ) : null}
        </dl>
      </CardBody>
    </Card>
  );
}

export function RevisionCard({ change }: { change: ChangeDetail }) {
  const revision = change.revisions[0];
  return (
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
        {change.pullRequests.map((pr) => (
          <div key={pr.url} className="mt-3 space-y-2 text-sm">
            {pr.authorId ? null : (
              <p
                role="note"
                className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900"
              >
                Opened on {pr.integration.kind === "GITHUB" ? "GitHub" : "GitLab"} by{" "}
                <strong>{pr.authorLogin}</strong>, who is not matched to a person in the directory:
                an admin can set their{" "}
                {pr.integration.kind === "GITHUB" ? "GitHub login" : "GitLab username"}.
              </p>
            )}
            {pr.needs.length ? (
              <p
                role="note"
                className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-900"
              >
                The pull request&apos;s description still needs: {pr.needs.join("; ")}.
              </p>
            ) : null}
          </div>
        ))}
        {change.prUrl ? (
          <p className="mt-3 text-sm">
            Pull request:{" "}
            <a
              href={change.prUrl}
              className="text-brand-700 underline hover:text-brand-800"
              rel="noreferrer"
            >
              {change.prUrl}
            </a>
          </p>
        ) : null}
      </CardBody>
    </Card>
  );
}
