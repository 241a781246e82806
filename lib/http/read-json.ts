// The one way a route handler reads a JSON body (docs/architecture.md, "Entry points"): exact media
// type, a size limit enforced while reading, bounded nesting, and only text PostgreSQL can store.
import type { NextRequest } from "next/server";
import { AppError, validationError } from "@/lib/errors";
import { refuseUnstorable } from "@/lib/validation";

const MAX_BYTES = 1024 * 1024;
/** Deeper than any body the portal accepts; refused before parsing so nothing recurses on it. */
export const MAX_JSON_DEPTH = 32;

/** `application/json`, with parameters such as charset; not a type that merely contains it. */
export function isJsonMediaType(contentType: string | null): boolean {
  const essence = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return essence === "application/json";
}

const tooLarge = (maxBytes: number) =>
  new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${maxBytes} bytes.`);

/** The body's bytes, reading no further than `maxBytes` (a chunked body has no length to check first). */
async function readLimited(req: NextRequest, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** How deeply arrays and objects nest in JSON text, counted without parsing (strings skipped). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

const invalid = (message: string) => validationError([{ field: "(body)", message }]);

/**
 * The request body as JSON: 415 for another media type, 413 past `maxBytes`, 400 when it is not
 * UTF-8, nests deeper than MAX_JSON_DEPTH, is malformed, or holds text PostgreSQL cannot store.
 */
export async function readJson(req: NextRequest, maxBytes = MAX_BYTES): Promise<unknown> {
  return (await readJsonText(req, maxBytes)).body;
}

/**
 * As readJson, with the exact text received too: a webhook's signature is over the bytes sent,
 * not over any re-serialisation of them.
 */
export async function readJsonText(
  req: NextRequest,
  maxBytes = MAX_BYTES,
): Promise<{ text: string; body: unknown }> {
  if (!isJsonMediaType(req.headers.get("content-type"))) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json.");
  }
  const bytes = await readLimited(req, maxBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw invalid("not valid UTF-8");
  }
  if (jsonDepth(text) > MAX_JSON_DEPTH)
    throw invalid(`nested deeper than ${MAX_JSON_DEPTH} levels`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalid("not valid JSON");
  }
  refuseUnstorable(body);
  return { text, body };
}
