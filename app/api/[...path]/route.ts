import type { NextRequest } from "next/server";
import { publicRoute } from "@/lib/auth/guards";
import { notFound } from "@/lib/errors";

// Public (declared): an API path that names nothing answers the JSON error shape, not an HTML page.
async function unknownApi(req: NextRequest): Promise<Response> {
  throw notFound(`No API at ${req.nextUrl.pathname}. See the README for the API's routes.`);
}

export const GET = publicRoute<{ path: string[] }>(unknownApi);
export const POST = publicRoute<{ path: string[] }>(unknownApi);
export const PUT = publicRoute<{ path: string[] }>(unknownApi);
export const PATCH = publicRoute<{ path: string[] }>(unknownApi);
export const DELETE = publicRoute<{ path: string[] }>(unknownApi);
