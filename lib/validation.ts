// zod helpers: turn a failed parse into an AppError that names each field and its problem.
import { z } from "zod";
import { validationError, type FieldProblem } from "@/lib/errors";

export function problemsOf(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join(".") : "(body)",
    message: issue.message,
  }));
}

// What a schema made of a body object already: withAuth checks a request body against the route's
// contract and the use case parses the same object again with the same schema, which for a 5 MB
// diff means parsing it twice (about 100 ms each). Keyed by object identity, so nothing is kept
// once the request is gone. A caller must not change an object between two parses of it.
const parsedBy = new WeakMap<z.ZodType, WeakMap<object, unknown>>();

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const cache = typeof input === "object" && input !== null ? parsedBy.get(schema) : undefined;
  if (cache?.has(input as object)) return cache.get(input as object) as z.output<S>;
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationError(problemsOf(parsed.error));
  if (typeof input === "object" && input !== null) {
    const byInput = parsedBy.get(schema) ?? new WeakMap<object, unknown>();
    byInput.set(input, parsed.data);
    parsedBy.set(schema, byInput);
  }
  return parsed.data;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * The written day (and time, when there is one) exist: JavaScript's Date would quietly read
 * 30 February as 2 March. Takes an ISO date or date-time.
 */
export function isRealDateTime(v: string): boolean {
  const [y, m, d] = v.slice(0, 10).split("-").map(Number) as [number, number, number];
  const [hh = 0, mm = 0, ss = 0] =
    v.length > 10
      ? v
          .slice(11, 19)
          .split(":")
          .map((x) => Number.parseInt(x, 10))
      : [];
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth && hh < 24 && mm < 60 && ss < 60;
}

/** An ISO date-time; without a zone it is read as UTC (what the portal's forms send). */
export const dateTime = z
  .string()
  .trim()
  .regex(DATE_TIME, "must be a date and time, e.g. 2026-12-01T00:00 (UTC)")
  .refine(isRealDateTime, "is not a real date and time")
  .transform((v) => new Date(/(Z|[+-]\d{2}:\d{2})$/.test(v) ? v : `${v}Z`))
  .refine(isStorableDate, "must be between the years 1 and 9999 (UTC)");

/**
 * A real instant within years 1 to 9999 in UTC: the driver writes dates as four-digit ISO years, so
 * year 0 or year 10000 (reachable through an offset) would fail in PostgreSQL instead of here.
 */
export function isStorableDate(d: Date): boolean {
  const year = d.getUTCFullYear();
  return !Number.isNaN(d.getTime()) && year >= 1 && year <= 9999;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What PostgreSQL cannot store in text (and what `jsonb` refuses): NUL, or a lone UTF-16 surrogate. */
function textFault(text: string): string | null {
  if (text.includes("\u0000")) return "must not contain NUL characters";
  if (LONE_SURROGATE.test(text)) return "must not contain a lone surrogate (invalid Unicode)";
  return null;
}

const printableKey = (key: string) =>
  key
    .replace(/\u0000/g, "\\0")
    .replace(/[\ud800-\udfff]/g, (c) =>
      LONE_SURROGATE.test(c) ? `\\u${c.charCodeAt(0).toString(16)}` : c,
    );

/**
 * The first string (or object key) inside `value` that PostgreSQL cannot store, with where it is
 * and why; null when there is none. Walks with its own stack, so no nesting can overflow it.
 */
export function unstorableAt(value: unknown): FieldProblem | null {
  interface Node {
    value: unknown;
    key: string | null;
    parent: Node | null;
  }
  const field = (node: Node | null, last?: string) => {
    const path = last === undefined ? [] : [last];
    for (let n = node; n && n.key !== null; n = n.parent) path.unshift(n.key);
    return path.length ? path.join(".") : "(body)";
  };
  const stack: Node[] = [{ value, key: null, parent: null }];
  while (stack.length) {
    const node = stack.pop()!;
    const here = node.value;
    if (typeof here === "string") {
      const message = textFault(here);
      if (message) return { field: field(node), message };
    } else if (here && typeof here === "object") {
      const isArray = Array.isArray(here);
      const entries = isArray
        ? here.map((item, i) => [String(i), item] as const)
        : Object.entries(here);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i]!;
        const message = isArray ? null : textFault(key);
        if (message) return { field: field(node, printableKey(key)), message };
        stack.push({ value: item, key, parent: node });
      }
    }
  }
  return null;
}

/** Refuses input holding text PostgreSQL cannot store, naming where (a 400, before anything is read or written). */
export function refuseUnstorable(value: unknown): void {
  const problem = unstorableAt(value);
  if (problem) throw validationError([problem]);
}
