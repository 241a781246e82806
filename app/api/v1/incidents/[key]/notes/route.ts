import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { addIncidentNote } from "@/lib/server/incidents/incidents";
import { noteSchema } from "@/lib/server/incidents/input";

export const POST = withAuth<{ key: string }>(
  {
    permission: "incidents:write",
    contract: {
      tag: "Incidents",
      summary: "Add a note to an incident's timeline",
      body: noteSchema,
    },
  },
  async (_req, { user, params, body }) => {
    return NextResponse.json(await addIncidentNote(user, params.key, body), {
      status: 201,
    });
  },
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
