import { Badge } from "@/components/ui/badge";

const TONE = { 1: "red", 2: "amber", 3: "neutral" } as const;

export function TierBadge({ tier }: { tier: number }) {
  const tone = TONE[tier as 1 | 2 | 3] ?? "neutral";
  return (
    <Badge tone={tone} title={tier === 1 ? "Tier 1: business-critical" : `Tier ${tier}`}>
      Tier {tier}
    </Badge>
  );
}
