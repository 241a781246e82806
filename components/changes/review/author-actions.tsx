"use client";
// What the author (or a co-author) can do next: upload a new revision, mark deployed or rolled
// back, or withdraw. The server checks the lifecycle again; a refused action says why.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { ApiError, fetchJson } from "@/lib/query/fetch-json";
import { Button } from "@/components/ui/button";
import { FieldError, Label, Textarea } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";

export function AuthorActions({
  changeKey,
  status,
  deployable,
  reason,
}: {
  changeKey: string;
  status: string;
  deployable: boolean;
  reason: string;
}) {
  const router = useRouter();
  const toast = useToast();
  const revisionDialog = useRef<HTMLDialogElement>(null);
  const rollbackDialog = useRef<HTMLDialogElement>(null);
  const [diff, setDiff] = useState("");
  const [note, setNote] = useState("");
  const [rollbackReason, setRollbackReason] = useState("");
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) =>
      fetchJson<{ status: string }>(`/api/v1/changes/${changeKey}/${path}`, {
        method: "POST",
        body: JSON.stringify(body ?? {}),
      }),
    onSuccess: (result) => {
      revisionDialog.current?.close();
      rollbackDialog.current?.close();
      toast.show(
        `${changeKey} is now ${result.status.toLowerCase().replace("_", " ")}.`,
        "success",
      );
      router.refresh();
    },
    onError: (error) => toast.show(error.message, "error"),
  });
  const problems =
    act.error instanceof ApiError && Array.isArray(act.error.details)
      ? (act.error.details as { field: string; message: string }[])
      : [];
  const open = ["PENDING", "CHANGES_REQUESTED", "APPROVED"].includes(status);

  return (
    <div className="flex flex-wrap items-center gap-2">
      {open ? (
        <Button variant="secondary" onClick={() => revisionDialog.current?.showModal()}>
          Upload new revision
        </Button>
      ) : null}
      {["APPROVED", "PENDING"].includes(status) ? (
        <Button
          onClick={() => act.mutate({ path: "deploy" })}
          disabled={!deployable || act.isPending}
          title={deployable ? undefined : reason}
        >
          Mark deployed
        </Button>
      ) : null}
      {status === "DEPLOYED" ? (
        <Button variant="secondary" onClick={() => rollbackDialog.current?.showModal()}>
          Mark rolled back
        </Button>
      ) : null}
      {open ? (
        <Button
          variant="ghost"
          onClick={() => {
            if (
              window.confirm(
                `Withdraw ${changeKey}? Reviewers are released and it cannot be reopened.`,
              )
            )
              act.mutate({ path: "withdraw" });
          }}
        >
          Withdraw
        </Button>
      ) : null}

      <dialog
        ref={revisionDialog}
        aria-labelledby="revision-title"
        className="m-auto w-full max-w-2xl rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <form
          className="space-y-4 p-6"
          onSubmit={(e) => {
            e.preventDefault();
            act.mutate({ path: "revisions", body: { diff, note } });
          }}
        >
          <h2 id="revision-title" className="text-lg font-semibold text-slate-900">
            Upload a new revision
          </h2>
          <p className="text-sm text-slate-600">
            Earlier approvals stop counting; reviewers who already engaged stay on it and are told.
          </p>
          <div>
            <Label htmlFor="revision-diff">Unified diff of the whole change</Label>
            <Textarea
              id="revision-diff"
              rows={10}
              className="font-mono text-xs"
              value={diff}
              onChange={(e) => setDiff(e.target.value)}
              aria-describedby="revision-diff-error"
            />
            <FieldError id="revision-diff-error">
              {problems
                .filter((p) => p.field === "diff")
                .map((p) => p.message)
                .join("; ")}
            </FieldError>
          </div>
          <div>
            <Label htmlFor="revision-note">What changed since the last revision?</Label>
            <Textarea
              id="revision-note"
              rows={2}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => revisionDialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" disabled={act.isPending}>
              Upload revision
            </Button>
          </div>
        </form>
      </dialog>

      <dialog
        ref={rollbackDialog}
        aria-labelledby="rollback-title"
        className="m-auto w-full max-w-lg rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <form
          className="space-y-4 p-6"
          onSubmit={(e) => {
            e.preventDefault();
            act.mutate({ path: "rollback", body: { reason: rollbackReason } });
          }}
        >
          <h2 id="rollback-title" className="text-lg font-semibold text-slate-900">
            Mark {changeKey} rolled back
          </h2>
          <div>
            <Label htmlFor="rollback-reason">Why was it rolled back?</Label>
            <Textarea
              id="rollback-reason"
              rows={3}
              value={rollbackReason}
              onChange={(e) => setRollbackReason(e.target.value)}
              aria-describedby="rollback-reason-error"
            />
            <FieldError id="rollback-reason-error">
              {problems
                .filter((p) => p.field === "reason")
                .map((p) => p.message)
                .join("; ")}
            </FieldError>
          </div>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => rollbackDialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={act.isPending}>
              Mark rolled back
            </Button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
