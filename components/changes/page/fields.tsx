// Small read-only pieces the change page's cards share.
import { formatDateTime } from "@/components/ui/date";

export const when = (d: Date | null) => formatDateTime(d);

export function Field({
  label,
  children,
  className,
}: {
  label: string;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <div className={className}>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

export function Prose({ text, empty }: { text: string | null; empty: string }) {
  return text ? (
    <p className="whitespace-pre-wrap text-sm leading-6 text-slate-800">{text}</p>
  ) : (
    <p className="text-sm text-slate-600">{empty}</p>
  );
}
