// A readable before/after comparison of an audit payload: one line per changed leaf.
import diff from "microdiff";

export interface FieldChange {
  path: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

const KIND = { CREATE: "added", REMOVE: "removed", CHANGE: "changed" } as const;

export function isBeforeAfter(payload: unknown): payload is { before: unknown; after: unknown } {
  return (
    typeof payload === "object" && payload !== null && "before" in payload && "after" in payload
  );
}

export function beforeAfterChanges(before: unknown, after: unknown): FieldChange[] {
  const wrap = (value: unknown) =>
    typeof value === "object" && value !== null ? value : { value };
  return diff(wrap(before) as Record<string, unknown>, wrap(after) as Record<string, unknown>).map(
    (d) => ({
      path: d.path.join("."),
      kind: KIND[d.type],
      ...(d.type !== "CREATE" ? { before: d.oldValue } : {}),
      ...(d.type !== "REMOVE" ? { after: d.value } : {}),
    }),
  );
}
