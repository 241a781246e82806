import type { NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import { refuseNul } from "@/lib/validation";

const MAX_BYTES = 1024 * 1024;

/**
 * The request body as JSON: 415 for another content type, 413 when too large, 400 when malformed
 * or when a string holds a NUL character (which PostgreSQL cannot store).
 */
export async function readJson(req: NextRequest, maxBytes = MAX_BYTES): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json.");
  }
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > maxBytes)
    throw new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${maxBytes} bytes.`);
  const text = await req.text();
  if (Buffer.byteLength(text) > maxBytes)
    throw new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${maxBytes} bytes.`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION", "The body is not valid JSON.", [
      { field: "(body)", message: "not valid JSON" },
    ]);
  }
  refuseNul(body);
  return body;
}
