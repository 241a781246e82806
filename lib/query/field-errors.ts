// The per-field problems of a failed API call (a 400's details), and one field's message.
import { ApiError } from "./fetch-json";

export function fieldErrors(error: unknown) {
  const problems =
    error instanceof ApiError && Array.isArray(error.details)
      ? (error.details as { field: string; message: string }[])
      : [];
  const errorFor = (field: string) =>
    problems
      .filter((p) => p.field === field || p.field.startsWith(`${field}.`))
      .map((p) => p.message)
      .join("; ") || undefined;
  return { problems, errorFor };
}
