"use client";
// The reviewer's workspace on a change: the decision form at the top (approve with an attestation
// and the risk checklist, request changes pointing at open threads, or reject), the full-width
// diff (unified or split) with "viewed" marks and conversation threads, the AI session beside it,
// and the conversation below. Time on the page (while it is visible) and the files viewed are sent
// with the review.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ApiError, fetchJson } from "@/lib/query/fetch-json";
import type { RiskHit } from "@/lib/domain/risk/detect";
import { RISK_CHECKLIST, type RiskFlag } from "@/lib/domain/risk/flags";
import { plausibleSeconds } from "@/lib/domain/review/rubber-stamp";
import type { LineRange } from "@/lib/domain/transcripts/ai-wrote";
import type { ThreadView } from "@/lib/server/changes/threads";
import type { TranscriptView } from "@/lib/server/changes/transcripts";
import { Button } from "@/components/ui/button";
import { FieldError, Hint, Label, Textarea } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { DiffViewer, type ViewType } from "./diff-viewer";
import { Conversation, type ResolveRight } from "./threads";
import { TranscriptPanel } from "./transcript-panel";

type Decision = "APPROVE" | "REQUEST_CHANGES" | "REJECT";

const DECISIONS: { value: Decision; label: string }[] = [
  { value: "APPROVE", label: "Approve" },
  { value: "REQUEST_CHANGES", label: "Request changes" },
  { value: "REJECT", label: "Reject" },
];

/** Seconds the page has been visible since it opened. */
function useVisibleSeconds(): () => number {
  const total = useRef(0);
  const since = useRef<number | null>(null);
  useEffect(() => {
    const tick = () => {
      if (document.visibilityState === "visible") since.current ??= performance.now();
      else if (since.current !== null) {
        total.current += performance.now() - since.current;
        since.current = null;
      }
    };
    tick();
    document.addEventListener("visibilitychange", tick);
    return () => document.removeEventListener("visibilitychange", tick);
  }, []);
  return useCallback(
    () => (total.current + (since.current !== null ? performance.now() - since.current : 0)) / 1000,
    [],
  );
}

/**
 * The rubber-stamp figure before approving, ticking each second. Its own component, so that the
 * tick re-renders this line only, not the diff.
 */
function StampNote({
  seconds,
  linesChanged,
  unviewed,
}: {
  seconds: () => number;
  linesChanged: number;
  unviewed: number;
}) {
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setElapsed(Math.round(seconds())), 1000);
    return () => clearInterval(timer);
  }, [seconds]);
  const needed = Math.round(plausibleSeconds(linesChanged));
  const flagged = elapsed < needed || unviewed > 0;
  return (
    <p
      className={`rounded-md px-3 py-2 text-xs ring-1 ${flagged ? "bg-amber-50 text-amber-900 ring-amber-200" : "bg-slate-50 text-slate-700 ring-slate-200"}`}
      data-testid="stamp-note"
    >
      {elapsed} s on {linesChanged} changed line{linesChanged === 1 ? "" : "s"} so far
      {unviewed > 0 ? `; ${unviewed} file${unviewed === 1 ? "" : "s"} not marked viewed` : ""}.{" "}
      {flagged
        ? `Approving now flags it as a possible rubber stamp (a careful look at ${linesChanged} lines takes at least ${needed} s, with every file opened). The approval still counts; managers and you see the flag.`
        : "Time and files viewed look like a careful review."}
    </p>
  );
}

export function ReviewWorkspace(props: {
  changeKey: string;
  revision: number;
  diff: string | null;
  paths: string[];
  hits: RiskHit[];
  viewed: string[];
  canReview: boolean;
  blockedReason: string | null;
  riskFlags: RiskFlag[];
  linesChanged: number;
  revisionNote: string;
  threads: ThreadView[];
  canComment: boolean;
  resolveRight: ResolveRight;
  transcripts: TranscriptView[];
  sessionUrl: string | null;
  canUpload: boolean;
  aiWritten: Record<string, LineRange[] | "all">;
}) {
  const router = useRouter();
  const toast = useToast();
  const [viewed, setViewed] = useState(props.viewed);
  const [decision, setDecision] = useState<Decision>("APPROVE");
  const [attestation, setAttestation] = useState("");
  const [comment, setComment] = useState("");
  const [checklist, setChecklist] = useState<RiskFlag[]>([]);
  const openThreads = props.threads.filter((t) => !t.resolved);
  // Every open thread is pointed at unless unticked (threads started since load included).
  const [skipped, setSkipped] = useState<string[]>([]);
  const pointAt = openThreads.map((t) => t.id).filter((id) => !skipped.includes(id));
  const [viewType, setViewType] = useState<ViewType>("unified");
  const [showAi, setShowAi] = useState(
    props.transcripts.length > 0 || props.sessionUrl !== null || props.canUpload,
  );
  const seconds = useVisibleSeconds();
  const conversation = useMemo(
    () => ({
      threads: props.threads,
      canComment: props.canComment,
      resolveRight: props.resolveRight,
    }),
    [props.threads, props.canComment, props.resolveRight],
  );
  const submit = useMutation({
    mutationFn: () =>
      fetchJson<{
        status: string;
        progress: string[];
        possibleRubberStamp: boolean;
        repeated: boolean;
      }>(`/api/v1/changes/${props.changeKey}/reviews`, {
        method: "POST",
        body: JSON.stringify({
          revision: props.revision,
          decision,
          attestation,
          comment,
          checklist,
          threads: decision === "REQUEST_CHANGES" ? pointAt : [],
          secondsSpent: Math.round(seconds()),
        }),
      }),
    onSuccess: (result) => {
      toast.show(
        result.repeated
          ? "Your review was already recorded."
          : `Review recorded. The change is now ${result.status.toLowerCase().replace("_", " ")}. ${result.progress.join(" · ")}`,
        "success",
      );
      router.refresh();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) toast.show(error.message, "error");
    },
  });
  const problems =
    submit.error instanceof ApiError && Array.isArray(submit.error.details)
      ? (submit.error.details as { field: string; message: string }[])
      : [];
  const errorFor = (field: string) =>
    problems
      .filter((p) => p.field === field || p.field.startsWith(`${field}.`))
      .map((p) => p.message)
      .join("; ") || undefined;
  const unviewed = props.paths.filter((p) => !viewed.includes(p)).length;

  const diffSection = (
    <section aria-labelledby="files-title" className="min-w-0 space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id="files-title" className="text-base font-semibold text-slate-900">
            Files changed in revision {props.revision}
          </h2>
          {props.revisionNote ? (
            <p className="text-sm text-slate-700">
              <span className="font-medium">What changed since the last review:</span>{" "}
              {props.revisionNote}
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <p className="hidden text-xs text-slate-600 md:block">
            <kbd className="rounded border border-slate-300 px-1">j</kbd> /{" "}
            <kbd className="rounded border border-slate-300 px-1">k</kbd> next / previous file
          </p>
          <div role="group" aria-label="Diff layout" className="flex rounded-md bg-slate-100 p-0.5">
            {(["unified", "split"] as const).map((v) => (
              <button
                key={v}
                type="button"
                aria-pressed={viewType === v}
                onClick={() => setViewType(v)}
                className={`rounded px-2 py-1 text-xs font-medium ${viewType === v ? "bg-white text-slate-900 shadow-sm" : "text-slate-700"}`}
              >
                {v === "unified" ? "Unified" : "Split"}
              </button>
            ))}
          </div>
          <Button
            size="sm"
            variant="secondary"
            aria-pressed={showAi}
            aria-controls={showAi ? "ai-session" : undefined}
            onClick={() => setShowAi(!showAi)}
          >
            {showAi ? "Hide" : "Show"} AI session
            {props.transcripts.length ? ` (${props.transcripts.length})` : ""}
          </Button>
        </div>
      </div>
      <div className={showAi ? "grid gap-4 xl:grid-cols-[minmax(0,1fr)_26rem]" : ""}>
        <DiffViewer
          changeKey={props.changeKey}
          revision={props.revision}
          diff={props.diff}
          paths={props.paths}
          hits={props.hits}
          viewed={viewed}
          onViewedChange={setViewed}
          viewType={viewType}
          conversation={conversation}
          aiWritten={props.aiWritten}
        />
        {showAi ? (
          <div
            id="ai-session"
            className="xl:sticky xl:top-4 xl:max-h-[calc(100vh-2rem)] xl:self-start xl:overflow-auto"
          >
            <TranscriptPanel
              changeKey={props.changeKey}
              transcripts={props.transcripts}
              sessionUrl={props.sessionUrl}
              canUpload={props.canUpload}
            />
          </div>
        ) : null}
      </div>
    </section>
  );

  return (
    <div className="space-y-6">
      <section aria-label="Your review">
        <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
          <h2 className="border-b border-slate-200 px-4 py-3 text-base font-semibold text-slate-900">
            Your review
          </h2>
          {!props.canReview ? (
            <p className="px-4 py-4 text-sm text-slate-600">
              {props.blockedReason ?? "This change is not open for review."}
            </p>
          ) : (
            <form
              noValidate
              className="max-w-2xl space-y-4 px-4 py-4"
              onSubmit={(e) => {
                e.preventDefault();
                submit.mutate();
              }}
            >
              <fieldset>
                <legend className="sr-only">Decision</legend>
                <div
                  className="grid grid-cols-3 gap-1 rounded-lg bg-slate-100 p-1"
                  role="radiogroup"
                >
                  {DECISIONS.map((d) => (
                    <label
                      key={d.value}
                      className={`cursor-pointer rounded-md px-2 py-1.5 text-center text-xs font-medium ${decision === d.value ? "bg-white text-slate-900 shadow-sm" : "text-slate-600"}`}
                    >
                      <input
                        type="radio"
                        name="decision"
                        value={d.value}
                        checked={decision === d.value}
                        onChange={() => setDecision(d.value)}
                        className="sr-only"
                      />
                      {d.label}
                    </label>
                  ))}
                </div>
              </fieldset>
              {decision === "APPROVE" ? (
                <>
                  <div>
                    <Label htmlFor="attestation">Attestation</Label>
                    <Textarea
                      id="attestation"
                      rows={4}
                      value={attestation}
                      onChange={(e) => setAttestation(e.target.value)}
                      aria-invalid={errorFor("attestation") ? true : undefined}
                      aria-describedby="attestation-hint attestation-error"
                      placeholder="What did you check, and why are you confident it is safe?"
                    />
                    <Hint id="attestation-hint">
                      At least a sentence ({attestation.trim().length}/20 characters). It is signed
                      with your name.
                    </Hint>
                    <FieldError id="attestation-error">{errorFor("attestation")}</FieldError>
                  </div>
                  {props.riskFlags.length ? (
                    <fieldset>
                      <legend className="mb-1 text-sm font-medium text-slate-800">
                        Risk checklist
                      </legend>
                      {props.riskFlags.map((flag) => (
                        <label
                          key={flag}
                          className="flex items-start gap-2 py-0.5 text-sm text-slate-800"
                        >
                          <input
                            type="checkbox"
                            className="mt-0.5"
                            checked={checklist.includes(flag)}
                            onChange={(e) =>
                              setChecklist(
                                e.target.checked
                                  ? [...checklist, flag]
                                  : checklist.filter((f) => f !== flag),
                              )
                            }
                          />
                          {RISK_CHECKLIST[flag]}
                        </label>
                      ))}
                      <FieldError id="checklist-error">{errorFor("checklist")}</FieldError>
                    </fieldset>
                  ) : null}
                  <StampNote
                    seconds={seconds}
                    linesChanged={props.linesChanged}
                    unviewed={unviewed}
                  />
                </>
              ) : (
                <div>
                  <Label htmlFor="comment">
                    {decision === "REJECT" ? "Why reject it?" : "What needs to change?"}
                  </Label>
                  <Textarea
                    id="comment"
                    rows={4}
                    value={comment}
                    onChange={(e) => setComment(e.target.value)}
                    aria-invalid={errorFor("comment") ? true : undefined}
                    aria-describedby="comment-error"
                  />
                  <FieldError id="comment-error">{errorFor("comment")}</FieldError>
                  {decision === "REQUEST_CHANGES" && openThreads.length ? (
                    <fieldset className="mt-3">
                      <legend className="mb-1 text-sm font-medium text-slate-800">
                        Point at open threads
                      </legend>
                      {openThreads.map((t) => (
                        <label
                          key={t.id}
                          className="flex items-start gap-2 py-0.5 text-sm text-slate-800"
                        >
                          <input
                            type="checkbox"
                            className="mt-0.5"
                            checked={pointAt.includes(t.id)}
                            onChange={(e) =>
                              setSkipped(
                                e.target.checked
                                  ? skipped.filter((id) => id !== t.id)
                                  : [...skipped, t.id],
                              )
                            }
                          />
                          <span className="min-w-0 truncate">
                            {t.path ? (
                              <span className="font-mono text-xs">
                                {t.path}:{t.startLine}{" "}
                              </span>
                            ) : null}
                            {t.comments[0]?.body.slice(0, 80)}
                          </span>
                        </label>
                      ))}
                      <FieldError id="threads-error">{errorFor("threads")}</FieldError>
                    </fieldset>
                  ) : null}
                </div>
              )}
              {submit.error && !problems.length ? (
                <p role="alert" className="text-sm text-red-700">
                  {submit.error.message}
                </p>
              ) : null}
              <Button
                type="submit"
                variant={decision === "REJECT" ? "danger" : "primary"}
                className="w-full"
                disabled={submit.isPending}
              >
                {submit.isPending
                  ? "Submitting…"
                  : decision === "APPROVE"
                    ? "Approve and sign"
                    : decision === "REJECT"
                      ? "Reject change"
                      : "Request changes"}
              </Button>
            </form>
          )}
        </div>
      </section>
      {diffSection}
      <Conversation
        changeKey={props.changeKey}
        revision={props.revision}
        threads={props.threads}
        resolveRight={props.resolveRight}
      />
    </div>
  );
}
