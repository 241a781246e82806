import { methodNotAllowed } from "@/lib/auth/guards";
import { webhookReceiver } from "@/lib/auth/webhook-receivers";

// Signed by the sender, not a session or a token (lib/auth/webhook.ts; README, Integrations).
export const POST = webhookReceiver("GITHUB");

export const GET = methodNotAllowed(["POST"]);
export const PUT = methodNotAllowed(["POST"]);
export const PATCH = methodNotAllowed(["POST"]);
export const DELETE = methodNotAllowed(["POST"]);
