import { Badge, type Tone } from "@/components/ui/badge";
import { RISK_LABEL, type RiskFlag } from "@/lib/domain/risk/flags";

const STATUS: Record<string, { label: string; tone: Tone }> = {
  DRAFT: { label: "Draft", tone: "neutral" },
  PENDING: { label: "Awaiting review", tone: "amber" },
  CHANGES_REQUESTED: { label: "Changes requested", tone: "red" },
  APPROVED: { label: "Approved", tone: "green" },
  DEPLOYED: { label: "Deployed", tone: "brand" },
  ROLLED_BACK: { label: "Rolled back", tone: "red" },
  REJECTED: { label: "Rejected", tone: "red" },
  WITHDRAWN: { label: "Withdrawn", tone: "neutral" },
};

export function StatusBadge({ status }: { status: string }) {
  const s = STATUS[status] ?? { label: status, tone: "neutral" as const };
  return <Badge tone={s.tone}>{s.label}</Badge>;
}

const AI: Record<string, { label: string; tone: Tone }> = {
  NONE: { label: "No AI", tone: "neutral" },
  ASSISTED: { label: "AI-assisted", tone: "brand" },
  GENERATED: { label: "AI-generated", tone: "violet" },
  AGENTIC: { label: "Agentic AI", tone: "red" },
};

export function AiBadge({ extent }: { extent: string }) {
  const a = AI[extent] ?? { label: extent, tone: "neutral" as const };
  return <Badge tone={a.tone}>{a.label}</Badge>;
}

export function RiskBadges({ flags }: { flags: readonly string[] }) {
  if (flags.length === 0) return null;
  return (
    <span className="inline-flex flex-wrap gap-1">
      {flags.map((f) => (
        <Badge key={f} tone="amber" title={RISK_LABEL[f as RiskFlag]}>
          {RISK_LABEL[f as RiskFlag] ?? f}
        </Badge>
      ))}
    </span>
  );
}

const REQUIREMENT: Record<string, { label: string; tone: Tone }> = {
  PENDING: { label: "Pending", tone: "amber" },
  SATISFIED: { label: "Satisfied", tone: "green" },
  UNROUTABLE: { label: "Unroutable", tone: "red" },
  ROUTED: { label: "Routed", tone: "green" },
  SHORT_STAFFED: { label: "Short-staffed", tone: "amber" },
};

export function RequirementBadge({ state }: { state: string }) {
  const r = REQUIREMENT[state] ?? { label: state, tone: "neutral" as const };
  return <Badge tone={r.tone}>{r.label}</Badge>;
}
