import { NextResponse } from "next/server";
import { publicRoute, methodNotAllowed } from "@/lib/auth/guards";
import { openApiDocument } from "@/lib/http/openapi";

// The API's description is public, as GitHub's and GitLab's are: it names no data.
export const GET = publicRoute(async () =>
  NextResponse.json(await openApiDocument(), {
    headers: { "cache-control": "public, max-age=300" },
  }),
);

// Every other method: 405 in the JSON error shape.
export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
