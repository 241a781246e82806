import { z } from "zod";
import { isRealDateTime, isStorableDate } from "@/lib/validation";

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
export const isoDate = z
  .string()
  .refine(
    (v) => ISO.test(v) && isRealDateTime(v) && isStorableDate(new Date(v)),
    "must be an ISO 8601 date or date-time in the years 1 to 9999, e.g. 2026-11-01T00:00:00Z",
  );

export const exportParamsSchema = z
  .object({
    format: z.enum(["csv", "ndjson"], { message: 'must be "csv" or "ndjson"' }),
    since: isoDate.optional(),
    until: isoDate.optional(),
  })
  .strict()
  .refine((p) => !p.since || !p.until || new Date(p.since) < new Date(p.until), {
    message: "since must be before until",
    path: ["until"],
  });

export type ExportParams = z.infer<typeof exportParamsSchema>;
