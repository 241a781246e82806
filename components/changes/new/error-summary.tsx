// The form's error summary: nothing was saved, and each problem links to its field.
import { FIELD_LABEL } from "@/lib/domain/changes/draft-form";

export function ErrorSummary({
  message,
  problems,
}: {
  message: string;
  problems: { field: string; message: string }[];
}) {
  return (
    <div
      role="alert"
      className="rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200"
    >
      <p className="font-medium">
        Nothing was saved. {problems.length ? "Fix these and try again:" : message}
      </p>
      {problems.length ? (
        <ul className="mt-1 list-disc pl-5">
          {problems.map((p) => (
            <li key={p.field + p.message}>
              <a href={`#${p.field.split(".")[0]}`} className="underline">
                {FIELD_LABEL[p.field.split(".")[0]!] ?? p.field}
              </a>
              : {p.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
