"use client";
// What the author (or a co-author) can do next: upload a new revision, mark deployed or rolled
// back, or withdraw. The server checks the lifecycle again; a refused action says why.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { fetchJson } from "@/lib/query/fetch-json";
import { fieldErrors } from "@/lib/query/field-errors";
import { Button } from "@/components/ui/button";
import { FieldError, Hint, Input, Label, Textarea } from "@/components/ui/field";
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
  const deploymentDialog = useRef<HTMLDialogElement>(null);
  const withdrawDialog = useRef<HTMLDialogElement>(null);
  const [withdrawReason, setWithdrawReason] = useState("");
  const [diff, setDiff] = useState("");
  const [note, setNote] = useState("");
  // The same fields a pipeline sends to POST /api/v1/changes/{key}/deployments.
  const [deployment, setDeployment] = useState({
    kind: "deployed" as "deployed" | "rolled_back",
    environment: "production",
    commit: "",
    at: "",
    reason: "",
  });
  const openDeployment = (kind: "deployed" | "rolled_back") => {
    // The time defaults to now, in UTC (what the field reads and the server stores).
    setDeployment((d) => ({ ...d, kind, at: new Date().toISOString().slice(0, 16) }));
    deploymentDialog.current?.showModal();
  };
  const rollingBack = deployment.kind === "rolled_back";

  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) =>
      fetchJson<{ status: string }>(`/api/v1/changes/${changeKey}/${path}`, {
        method: "POST",
        body: JSON.stringify(body ?? {}),
      }),
    onSuccess: (result) => {
      revisionDialog.current?.close();
      deploymentDialog.current?.close();
      withdrawDialog.current?.close();
      toast.show(
        `${changeKey} is now ${result.status.toLowerCase().replace("_", " ")}.`,
        "success",
      );
      router.refresh();
    },
    onError: (error) => toast.show(error.message, "error"),
  });
  const { errorFor } = fieldErrors(act.error);
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
          onClick={() => openDeployment("deployed")}
          disabled={!deployable || act.isPending}
          title={deployable ? undefined : reason}
        >
          Mark deployed
        </Button>
      ) : null}
      {status === "DEPLOYED" ? (
        <>
          <Button variant="secondary" onClick={() => openDeployment("deployed")}>
            Record another deployment
          </Button>
          <Button variant="secondary" onClick={() => openDeployment("rolled_back")}>
            Mark rolled back
          </Button>
        </>
      ) : null}
      {open ? (
        <Button variant="ghost" onClick={() => withdrawDialog.current?.showModal()}>
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
            <FieldError id="revision-diff-error">{errorFor("diff")}</FieldError>
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
        ref={withdrawDialog}
        aria-labelledby="withdraw-title"
        className="m-auto w-full max-w-lg rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <form
          className="space-y-4 p-6"
          onSubmit={(e) => {
            e.preventDefault();
            act.mutate({ path: "withdraw", body: { reason: withdrawReason } });
          }}
        >
          <h2 id="withdraw-title" className="text-lg font-semibold text-slate-900">
            Withdraw {changeKey}
          </h2>
          <p className="text-sm text-slate-600">
            Its reviewers are released and told why; a withdrawn change cannot be reopened.
          </p>
          <div>
            <Label htmlFor="withdraw-reason">Why are you withdrawing it?</Label>
            <Textarea
              id="withdraw-reason"
              rows={3}
              required
              minLength={5}
              value={withdrawReason}
              onChange={(e) => setWithdrawReason(e.target.value)}
              aria-describedby="withdraw-reason-error"
            />
            <FieldError id="withdraw-reason-error">{errorFor("reason")}</FieldError>
          </div>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => withdrawDialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={act.isPending}>
              Withdraw change
            </Button>
          </div>
        </form>
      </dialog>

      <dialog
        ref={deploymentDialog}
        aria-labelledby="deployment-title"
        className="m-auto w-full max-w-lg rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <form
          className="space-y-4 p-6"
          onSubmit={(e) => {
            e.preventDefault();
            const { kind, environment, commit, at, reason } = deployment;
            act.mutate({
              path: "deployments",
              body: {
                kind,
                environment,
                ...(commit.trim() ? { commit } : {}),
                ...(at ? { at } : {}),
                ...(kind === "rolled_back" ? { reason } : {}),
              },
            });
          }}
        >
          <h2 id="deployment-title" className="text-lg font-semibold text-slate-900">
            {rollingBack ? `Mark ${changeKey} rolled back` : `Mark ${changeKey} deployed`}
          </h2>
          <p className="text-sm text-slate-600">
            Pipelines record the same through the API; incidents list changes deployed before they
            started as suspects.
          </p>
          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <Label htmlFor="deployment-environment">Environment</Label>
              <Input
                id="deployment-environment"
                required
                value={deployment.environment}
                onChange={(e) => setDeployment({ ...deployment, environment: e.target.value })}
                aria-describedby="deployment-environment-error"
              />
              <FieldError id="deployment-environment-error">{errorFor("environment")}</FieldError>
            </div>
            <div>
              <Label htmlFor="deployment-at">When (UTC)</Label>
              <Input
                id="deployment-at"
                type="datetime-local"
                value={deployment.at}
                onChange={(e) => setDeployment({ ...deployment, at: e.target.value })}
                aria-describedby="deployment-at-error"
              />
              <FieldError id="deployment-at-error">{errorFor("at")}</FieldError>
            </div>
          </div>
          <div>
            <Label htmlFor="deployment-commit">Commit (optional)</Label>
            <Input
              id="deployment-commit"
              className="font-mono"
              placeholder="e.g. 3f9a2c1"
              value={deployment.commit}
              onChange={(e) => setDeployment({ ...deployment, commit: e.target.value })}
              aria-describedby="deployment-commit-hint deployment-commit-error"
            />
            <Hint id="deployment-commit-hint">The commit that went out, as git names it.</Hint>
            <FieldError id="deployment-commit-error">{errorFor("commit")}</FieldError>
          </div>
          {rollingBack ? (
            <div>
              <Label htmlFor="rollback-reason">Why was it rolled back?</Label>
              <Textarea
                id="rollback-reason"
                rows={3}
                value={deployment.reason}
                onChange={(e) => setDeployment({ ...deployment, reason: e.target.value })}
                aria-describedby="rollback-reason-error"
              />
              <FieldError id="rollback-reason-error">{errorFor("reason")}</FieldError>
            </div>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => deploymentDialog.current?.close()}>
              Cancel
            </Button>
            <Button
              type="submit"
              variant={rollingBack ? "danger" : "primary"}
              disabled={act.isPending}
            >
              {rollingBack ? "Mark rolled back" : "Record deployment"}
            </Button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
