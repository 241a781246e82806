import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import {
  attachTranscript,
  TRANSCRIPT_BODY_BYTES,
  transcriptSchema,
} from "@/lib/server/changes/transcripts";

export const POST = withAuth<{ key: string }>(
  {
    permission: "changes:create",
    scope: "changes:write",
    contract: {
      tag: "Changes",
      summary:
        "Attach an AI session export (JSON, JSONL, Markdown or text; secrets are masked before storing)",
      body: transcriptSchema,
      maxBodyBytes: TRANSCRIPT_BODY_BYTES,
    },
  },
  async (_req, { user, params, body }) =>
    NextResponse.json(await attachTranscript(user, params.key.toUpperCase(), body), {
      status: 201,
    }),
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
