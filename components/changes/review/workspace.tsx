"use client";
// The reviewer's workspace on a change: the diff with "viewed" marks, and the decision form
// (approve with an attestation and the risk checklist, request changes, or reject). Time on the
// page (while it is visible) and the files viewed are sent with the review.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { ApiError, fetchJson } from "@/lib/query/fetch-json";
import type { RiskHit } from "@/lib/domain/risk/detect";
import { RISK_CHECKLIST, type RiskFlag } from "@/lib/domain/risk/flags";
import { Button } from "@/components/ui/button";
import { FieldError, Hint, Label, Textarea } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { DiffViewer } from "./diff-viewer";

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
  return () =>
    (total.current + (since.current !== null ? performance.now() - since.current : 0)) / 1000;
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
}) {
  const router = useRouter();
  const toast = useToast();
  const [viewed, setViewed] = useState(props.viewed);
  const [decision, setDecision] = useState<Decision>("APPROVE");
  const [attestation, setAttestation] = useState("");
  const [comment, setComment] = useState("");
  const [checklist, setChecklist] = useState<RiskFlag[]>([]);
  const seconds = useVisibleSeconds();
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

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
      <section aria-label="Files changed" className="min-w-0">
        <h2 className="mb-2 text-base font-semibold text-slate-900">
          Files changed in revision {props.revision}
        </h2>
        <DiffViewer
          changeKey={props.changeKey}
          revision={props.revision}
          diff={props.diff}
          paths={props.paths}
          hits={props.hits}
          viewed={viewed}
          onViewedChange={setViewed}
        />
      </section>
      <aside aria-label="Your review" className="xl:sticky xl:top-6 xl:self-start">
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
              className="space-y-4 px-4 py-4"
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
                  {unviewed > 0 ? (
                    <p className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900 ring-1 ring-amber-200">
                      {unviewed} file{unviewed === 1 ? " is" : "s are"} not marked viewed. An
                      approval without opening every file is flagged as a possible rubber stamp.
                    </p>
                  ) : null}
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
      </aside>
    </div>
  );
}
