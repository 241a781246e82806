"use client";
import { useMutation } from "@tanstack/react-query";
import { fetchJson } from "@/lib/query/fetch-json";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";

interface VerifyResponse {
  ok: boolean;
  events: number;
  message: string;
}

export function VerifyButton() {
  const hydrated = useHydrated();
  const verify = useMutation({
    mutationFn: () => fetchJson<VerifyResponse>("/api/v1/audit/verify"),
  });
  return (
    <div className="flex items-center gap-2">
      <span aria-live="polite" className="text-sm">
        {verify.data ? (
          <span className={verify.data.ok ? "text-emerald-700" : "font-medium text-red-700"}>
            {verify.data.ok
              ? `Chain intact: ${verify.data.events.toLocaleString("en")} events`
              : verify.data.message}
          </span>
        ) : verify.error ? (
          <span className="text-red-700">Could not verify: {verify.error.message}</span>
        ) : null}
      </span>
      <Button
        variant="secondary"
        onClick={() => verify.mutate()}
        disabled={!hydrated || verify.isPending}
      >
        {verify.isPending ? "Verifying…" : "Verify chain"}
      </Button>
    </div>
  );
}
