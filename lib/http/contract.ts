// What a route handler promises, declared next to it and read by two things: `withAuth`, which
// checks the body and query against these very schemas before the handler runs, and the OpenAPI
// document (lib/http/openapi.ts), which is generated from them. One schema, so the document cannot
// drift from what the API accepts (docs/decisions/0012-api-tokens.md).
import type { z } from "zod";

export interface Contract {
  /** One line for the API reference. */
  summary: string;
  description?: string;
  /** Groups in the reference: "Changes", "Gate", "Incidents", ... */
  tag: string;
  /** The JSON body, validated before the handler runs (400 naming each field). */
  body?: z.ZodType;
  /** The largest body accepted, in bytes (readJson's default when left out). */
  maxBodyBytes?: number;
  /** The query string, parsed before the handler runs. */
  query?: z.ZodObject;
  /** The success answer. */
  response?: { status: 200 | 201 | 202; schema?: z.ZodType; mediaType?: string };
  /** Accepts an Idempotency-Key header (the same key and body answer the same result). */
  idempotent?: boolean;
}
