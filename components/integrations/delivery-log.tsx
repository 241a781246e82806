"use client";
// A delivery log: when, what, what became of it, and Redeliver (POSTs `redeliverUrl(id)`). Shared
// by the connections (received webhooks) and the outbound endpoints (sent messages).
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { fetchJson } from "@/lib/query/fetch-json";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";

const TONE = {
  DONE: "green",
  DELIVERED: "green",
  IGNORED: "neutral",
  FAILED: "red",
  RECEIVED: "amber",
  PENDING: "amber",
} as const;

export interface LogRow {
  id: string;
  at: string;
  event: string;
  /** A second line under the event (the sender's delivery id). */
  reference?: string;
  outcome: string;
  detail: string;
}

export function DeliveryLog({
  label,
  when,
  rows,
  redeliverUrl,
}: {
  label: string;
  when: string;
  rows: LogRow[];
  redeliverUrl: (id: string) => string;
}) {
  const router = useRouter();
  const toast = useToast();
  const redeliver = useMutation({
    mutationFn: (id: string) => fetchJson(redeliverUrl(id), { method: "POST" }),
    onSuccess: () => {
      toast.show("Queued again: it goes within seconds.", "success");
      router.refresh();
    },
    onError: (error) => toast.show(error.message, "error"),
  });
  if (!rows.length) return <p className="mt-2 text-sm text-slate-600">Nothing yet.</p>;
  return (
    <Table label={label}>
      <THead>
        <tr>
          <Th>{when}</Th>
          <Th>Event</Th>
          <Th>Outcome</Th>
          <Th />
        </tr>
      </THead>
      <TBody>
        {rows.map((d) => (
          <tr key={d.id}>
            <Td className="whitespace-nowrap text-xs tabular-nums">
              {d.at.slice(0, 19).replace("T", " ")}
            </Td>
            <Td className="text-xs">
              {d.event}
              {d.reference ? (
                <span className="block font-mono text-slate-600">{d.reference}</span>
              ) : null}
            </Td>
            <Td className="text-xs">
              <Badge tone={TONE[d.outcome as keyof typeof TONE] ?? "neutral"}>
                {d.outcome.toLowerCase()}
              </Badge>
              {d.detail ? <span className="mt-1 block text-slate-700">{d.detail}</span> : null}
            </Td>
            <Td className="text-right">
              <Button
                variant="ghost"
                aria-label={`Redeliver ${d.reference ?? d.event}`}
                disabled={redeliver.isPending}
                onClick={() => redeliver.mutate(d.id)}
              >
                Redeliver
              </Button>
            </Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
