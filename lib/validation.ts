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
