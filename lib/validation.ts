// zod helpers: turn a failed parse into an AppError that names each field and its problem.
import { z } from "zod";
import { validationError, type FieldProblem } from "@/lib/errors";

export function problemsOf(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join(".") : "(body)",
    message: issue.message,
  }));
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationError(problemsOf(parsed.error));
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
  .refine((d) => !Number.isNaN(d.getTime()), "is not a real date");

/**
 * The path of the first string (or object key) inside `value` that holds a NUL character, which
 * PostgreSQL cannot store in text; null when there is none.
 */
export function nulPath(value: unknown, path: string[] = []): string | null {
  const here = () => (path.length ? path.join(".") : "(body)");
  if (typeof value === "string") return value.includes("\u0000") ? here() : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = nulPath(item, [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes("\u0000")) return [...path, key.replace(/\u0000/g, "\\0")].join(".");
      const found = nulPath(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** Refuses input holding a NUL character, naming where (a 400, before anything is read or written). */
export function refuseNul(value: unknown): void {
  const field = nulPath(value);
  if (field) throw validationError([{ field, message: "must not contain NUL characters" }]);
}
