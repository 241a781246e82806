import { Badge } from "@/components/ui/badge";

export function OutOfOffice({ until, now = new Date() }: { until: Date | null; now?: Date }) {
  if (!until || until <= now) return <span className="text-sm text-slate-600">Available</span>;
  return <Badge tone="amber">Out of office until {until.toISOString().slice(0, 10)}</Badge>;
}
