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
/** An ISO date-time; without a zone it is read as UTC (what the portal's forms send). */
export const dateTime = z
  .string()
  .trim()
  .regex(DATE_TIME, "must be a date and time, e.g. 2026-12-01T00:00 (UTC)")
  .transform((v) => new Date(/(Z|[+-]\d{2}:\d{2})$/.test(v) ? v : `${v}Z`))
  .refine((d) => !Number.isNaN(d.getTime()), "is not a real date");
