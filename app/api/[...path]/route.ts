import { noSuchRoute } from "@/lib/auth/guards";

// Public (declared): an API path that names nothing answers the JSON error shape, not an HTML page.
export const GET = noSuchRoute();
export const POST = noSuchRoute();
export const PUT = noSuchRoute();
export const PATCH = noSuchRoute();
export const DELETE = noSuchRoute();
