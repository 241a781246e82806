import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { mailSettingsSchema, saveMailSettings } from "@/lib/server/notifications";

export const PUT = withAuth(
  {
    permission: "notifications:read",
    contract: {
      tag: "Notifications",
      summary: "Choose which kinds of notification are e-mailed to you (people only)",
      body: mailSettingsSchema,
    },
  },
  async (_req, { user, body }) => NextResponse.json(await saveMailSettings(user, body)),
);

// Every other method: 405 in the JSON error shape.
export const GET = methodNotAllowed(["PUT"]);
export const POST = methodNotAllowed(["PUT"]);
export const PATCH = methodNotAllowed(["PUT"]);
export const DELETE = methodNotAllowed(["PUT"]);
