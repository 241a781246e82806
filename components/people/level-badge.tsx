import { Badge, type Tone } from "@/components/ui/badge";
import { LEVEL_LABEL, type Level } from "@/lib/domain/levels";

const TONE: Record<Level, Tone> = {
  JUNIOR: "neutral",
  MID: "brand",
  SENIOR: "green",
  PRINCIPAL: "violet",
};

export function LevelBadge({ level }: { level: Level }) {
  return <Badge tone={TONE[level]}>{LEVEL_LABEL[level]}</Badge>;
}
