import { beforeAfterChanges, isBeforeAfter } from "@/lib/domain/audit/diff";

function show(value: unknown): string {
  if (value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** An event's payload: before/after as a table of changed fields, anything else as JSON. */
export function PayloadView({ payload }: { payload: unknown }) {
  if (isBeforeAfter(payload)) {
    const changes = beforeAfterChanges(payload.before, payload.after);
    if (changes.length === 0) return <p className="text-sm text-slate-600">No field changed.</p>;
    return (
      <table className="w-full text-left text-xs" aria-label="Changed fields">
        <thead>
          <tr className="text-slate-600">
            <th scope="col" className="py-1 pr-4 font-medium">
              Field
            </th>
            <th scope="col" className="py-1 pr-4 font-medium">
              Before
            </th>
            <th scope="col" className="py-1 font-medium">
              After
            </th>
          </tr>
        </thead>
        <tbody className="font-mono">
          {changes.map((c) => (
            <tr key={c.path} className="align-top">
              <td className="py-1 pr-4 text-slate-700">{c.path}</td>
              <td className="py-1 pr-4">
                {c.kind === "added" ? (
                  <span className="text-slate-600">—</span>
                ) : (
                  <span className="rounded bg-red-50 px-1 text-red-800 line-through decoration-red-400">
                    {show(c.before)}
                  </span>
                )}
              </td>
              <td className="py-1">
                {c.kind === "removed" ? (
                  <span className="text-slate-600">—</span>
                ) : (
                  <span className="rounded bg-emerald-50 px-1 text-emerald-800">
                    {show(c.after)}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs text-slate-800">
      {JSON.stringify(payload, null, 2)}
    </pre>
  );
}
