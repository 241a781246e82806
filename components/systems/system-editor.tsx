"use client";
// Admin edit of a system's tier, owning team and extra approvers: edit, review what changes and
// what that means for sign-off, then confirm. The server checks everything again.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { fetchJson, ApiError } from "@/lib/query/fetch-json";
import { Button } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/field";
import { ChipInput } from "@/components/ui/chip-input";

interface State {
  tier: number;
  owningTeam: string;
  users: string[];
  teams: string[];
}

const TIER_MEANING: Record<number, string> = {
  1: "two distinct SENIOR+ approvals on every change",
  2: "one approval (SENIOR+ for AI-assisted changes by juniors and mids)",
  3: "one approval (SENIOR+ for AI-assisted changes by juniors and mids)",
};

function describeChanges(from: State, to: State, teamName: (slug: string) => string): string[] {
  const lines: string[] = [];
  if (from.tier !== to.tier)
    lines.push(`Tier ${from.tier} → ${to.tier}: future changes need ${TIER_MEANING[to.tier]}.`);
  if (from.owningTeam !== to.owningTeam)
    lines.push(
      `Owning team ${teamName(from.owningTeam)} → ${teamName(to.owningTeam)}: its members become the default approvers.`,
    );
  const added = (a: string[], b: string[]) => b.filter((x) => !a.includes(x));
  for (const h of added(from.users, to.users)) lines.push(`Add @${h} as an extra approver.`);
  for (const h of added(to.users, from.users)) lines.push(`Remove @${h} as an extra approver.`);
  for (const t of added(from.teams, to.teams))
    lines.push(`Add team ${teamName(t)} as extra approvers.`);
  for (const t of added(to.teams, from.teams))
    lines.push(`Remove team ${teamName(t)} as extra approvers.`);
  return lines;
}

export function SystemEditor({
  slug,
  current,
  teams,
}: {
  slug: string;
  current: State;
  teams: { slug: string; name: string }[];
}) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, setState] = useState<State>(current);
  const [step, setStep] = useState<"edit" | "confirm">("edit");
  const teamName = (s: string) => teams.find((t) => t.slug === s)?.name ?? s;
  const changes = describeChanges(current, state, teamName);
  const mutation = useMutation({
    mutationFn: () =>
      fetchJson(`/api/v1/systems/${slug}`, {
        method: "PATCH",
        body: JSON.stringify({
          tier: state.tier,
          owningTeam: state.owningTeam,
          extraApprovers: { users: state.users, teams: state.teams },
        }),
      }),
    onSuccess: () => {
      dialog.current?.close();
      router.refresh();
    },
  });
  const error = mutation.error instanceof ApiError ? mutation.error : null;

  const open = () => {
    setState(current);
    setStep("edit");
    mutation.reset();
    dialog.current?.showModal();
  };

  return (
    <>
      <Button variant="secondary" onClick={open}>
        Edit system
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="edit-system-title"
        className="m-auto w-full max-w-lg rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            if (step === "edit") setStep("confirm");
            else mutation.mutate();
          }}
        >
          <div className="border-b border-slate-200 px-6 py-4">
            <h2 id="edit-system-title" className="text-lg font-semibold text-slate-900">
              {step === "edit" ? "Edit system" : "Confirm changes"}
            </h2>
            <p className="text-sm text-slate-600">
              {step === "edit"
                ? "Changes apply to changes routed from now on."
                : "Check what this means for sign-off before saving."}
            </p>
          </div>
          {step === "edit" ? (
            <div className="space-y-4 px-6 py-5">
              <div>
                <Label htmlFor="edit-tier">Tier</Label>
                <Select
                  id="edit-tier"
                  value={state.tier}
                  onChange={(e) => setState({ ...state, tier: Number(e.target.value) })}
                >
                  <option value={1}>Tier 1: business-critical</option>
                  <option value={2}>Tier 2</option>
                  <option value={3}>Tier 3</option>
                </Select>
              </div>
              <div>
                <Label htmlFor="edit-team">Owning team</Label>
                <Select
                  id="edit-team"
                  value={state.owningTeam}
                  onChange={(e) => setState({ ...state, owningTeam: e.target.value })}
                >
                  {teams.map((t) => (
                    <option key={t.slug} value={t.slug}>
                      {t.name}
                    </option>
                  ))}
                </Select>
              </div>
              <ChipInput
                id="edit-users"
                label="Extra approvers: people"
                hint="Handles, e.g. jane.doe. Press Enter to add."
                prefix="@"
                values={state.users}
                onChange={(users) => setState({ ...state, users })}
              />
              <ChipInput
                id="edit-teams"
                label="Extra approvers: teams"
                hint="Team slugs, e.g. sre."
                prefix="team "
                values={state.teams}
                onChange={(teams) => setState({ ...state, teams })}
              />
            </div>
          ) : (
            <div className="px-6 py-5">
              {changes.length === 0 ? (
                <p className="text-sm text-slate-600">Nothing changes.</p>
              ) : (
                <ul className="list-disc space-y-1.5 pl-5 text-sm text-slate-800">
                  {changes.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              )}
              {error ? (
                <div
                  role="alert"
                  className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200"
                >
                  <p className="font-medium">
                    Not saved:{" "}
                    {error.status === 403
                      ? "you are not allowed to edit systems."
                      : "fix these and try again."}
                  </p>
                  {Array.isArray(error.details) ? (
                    <ul className="mt-1 list-disc pl-5">
                      {(error.details as { field: string; message: string }[]).map((d) => (
                        <li key={d.field + d.message}>
                          {d.field}: {d.message}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p>{error.message}</p>
                  )}
                </div>
              ) : null}
              {mutation.error && !error ? (
                <p role="alert" className="mt-4 text-sm text-red-700">
                  Not saved: the server could not be reached.
                </p>
              ) : null}
            </div>
          )}
          <div className="flex justify-end gap-2 border-t border-slate-200 bg-slate-50 px-6 py-3">
            {step === "confirm" ? (
              <Button variant="ghost" onClick={() => setStep("edit")}>
                Back
              </Button>
            ) : null}
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            {step === "edit" ? (
              <Button type="submit">Review changes</Button>
            ) : (
              <Button type="submit" disabled={changes.length === 0 || mutation.isPending}>
                {mutation.isPending ? "Saving…" : "Confirm and save"}
              </Button>
            )}
          </div>
          {step === "confirm" && changes.length > 0 ? (
            <p className="sr-only" aria-live="polite">
              {changes.length} change{changes.length === 1 ? "" : "s"} to confirm
            </p>
          ) : null}
        </form>
      </dialog>
    </>
  );
}
