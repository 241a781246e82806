"use client";
// "Reviewing the reviewer" on the change page (docs/decisions/0014-reviewer-workplace.md): the
// second looks taken, the form for the senior given one, and a manager's "ask for a second look".
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, fetchJson } from "@/lib/query/fetch-json";
import { REASON_LABEL } from "@/lib/domain/review/second-look";
import type { SecondLookView } from "@/lib/server/changes/second-look";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/date";
import { FieldError, Label, Textarea } from "@/components/ui/field";

export type SecondLookItem = SecondLookView;

function Verdict({ changeKey }: { changeKey: string }) {
  const router = useRouter();
  const [comment, setComment] = useState("");
  const decide = useMutation({
    mutationFn: (verdict: "AGREE" | "CONCERN") =>
      fetchJson(`/api/v1/changes/${changeKey}/second-looks/verdict`, {
        method: "POST",
        body: JSON.stringify({ verdict, comment }),
      }),
    onSuccess: () => router.refresh(),
  });
  const problem =
    decide.error instanceof ApiError && Array.isArray(decide.error.details)
      ? (decide.error.details as { message: string }[]).map((d) => d.message).join("; ")
      : decide.error?.message;
  return (
    <div className="space-y-2 px-5 py-4">
      <p className="text-sm text-slate-800">
        You were asked for an independent look at this approval. Read the change and the reviews;
        then agree, or raise a concern (the approvers and their managers hear of it; a deploy that
        already happened is not undone).
      </p>
      <Label htmlFor="second-look-comment">Your notes</Label>
      <Textarea
        id="second-look-comment"
        rows={3}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        aria-describedby="second-look-error"
        aria-invalid={problem ? true : undefined}
      />
      <FieldError id="second-look-error">{problem}</FieldError>
      <div className="flex gap-2">
        <Button size="sm" disabled={decide.isPending} onClick={() => decide.mutate("AGREE")}>
          Agree with the approval
        </Button>
        <Button
          size="sm"
          variant="danger"
          disabled={decide.isPending}
          onClick={() => decide.mutate("CONCERN")}
        >
          Raise a concern
        </Button>
      </div>
    </div>
  );
}

export function SecondLookCard({
  changeKey,
  looks,
  mine,
  mayAsk,
}: {
  changeKey: string;
  looks: SecondLookItem[];
  mine: boolean;
  mayAsk: boolean;
}) {
  const router = useRouter();
  const ask = useMutation({
    mutationFn: () =>
      fetchJson<{ reviewer: string }>(`/api/v1/changes/${changeKey}/second-looks`, {
        method: "POST",
      }),
    onSuccess: () => router.refresh(),
  });
  if (!looks.length && !mayAsk) return null;
  return (
    <Card className="mt-6" aria-labelledby="second-look-title">
      <CardHeader
        id="second-look-title"
        title="Second look"
        description="An independent look at an approval by another eligible senior, sampled after approval."
      />
      {looks.length ? (
        <ul className="divide-y divide-slate-100">
          {looks.map((l) => (
            <li key={l.id} className="flex flex-wrap items-center gap-2 px-5 py-3 text-sm">
              <span className="font-medium text-slate-900">{l.reviewer.name}</span>
              <span className="text-slate-600">
                revision {l.revision}, {REASON_LABEL[l.reason]} · {formatDateTime(l.createdAt)}
              </span>
              {l.verdict === "AGREE" ? (
                <Badge tone="green">Agrees</Badge>
              ) : l.verdict === "CONCERN" ? (
                <Badge tone="red">Concern raised</Badge>
              ) : (
                <Badge tone="amber">Waiting</Badge>
              )}
              {l.comment ? <p className="w-full text-slate-800">{l.comment}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {mine ? <Verdict changeKey={changeKey} /> : null}
      {mayAsk ? (
        <div className="flex items-center gap-3 border-t border-slate-100 px-5 py-3">
          <Button
            size="sm"
            variant="secondary"
            disabled={ask.isPending}
            onClick={() => ask.mutate()}
          >
            Ask for a second look
          </Button>
          {ask.error ? (
            <p role="alert" className="text-sm text-red-700">
              {ask.error.message}
            </p>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}
