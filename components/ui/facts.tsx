/** Label/value pairs in a grid, for the facts column of a detail page. */
export function Facts({
  items,
  columns = 2,
}: {
  items: [string, React.ReactNode][];
  columns?: 2 | 3;
}) {
  return (
    <dl className={`grid gap-3 text-sm ${columns === 3 ? "grid-cols-3" : "grid-cols-2"}`}>
      {items.map(([label, value]) => (
        <div key={label}>
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</dt>
          <dd className="mt-0.5 tabular-nums text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
