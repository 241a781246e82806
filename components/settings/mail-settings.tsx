"use client";
// Which notifications reach a person by e-mail; every one still shows under the bell.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { fetchJson } from "@/lib/query/fetch-json";
import { NOTIFICATION_KINDS, type NotificationKindName } from "@/lib/domain/notification-kinds";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";

export function MailSettings({
  muted,
  mailEnabled,
}: {
  muted: NotificationKindName[];
  mailEnabled: boolean;
}) {
  const toast = useToast();
  const [off, setOff] = useState<NotificationKindName[]>(muted);
  const save = useMutation({
    mutationFn: () =>
      fetchJson("/api/v1/notifications/settings", {
        method: "PUT",
        body: JSON.stringify({ mailMuted: off }),
      }),
    onSuccess: () => toast.show("Saved: your e-mail settings.", "success"),
    onError: (error) => toast.show(error.message, "error"),
  });
  return (
    <form
      className="space-y-4 px-5 py-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      {!mailEnabled ? (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
          This portal sends no e-mail yet (SMTP is not configured); your choice applies once it
          does.
        </p>
      ) : null}
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-800">E-mail me when…</legend>
        <div className="grid gap-1.5 md:grid-cols-2">
          {(Object.keys(NOTIFICATION_KINDS) as NotificationKindName[]).map((kind) => (
            <label key={kind} className="flex items-start gap-2 text-sm text-slate-800">
              <input
                type="checkbox"
                className="mt-0.5"
                checked={!off.includes(kind)}
                onChange={(e) =>
                  setOff(e.target.checked ? off.filter((k) => k !== kind) : [...off, kind])
                }
              />
              {NOTIFICATION_KINDS[kind]}
            </label>
          ))}
        </div>
      </fieldset>
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
