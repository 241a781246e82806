// Every entry point declares the permission it needs (docs/architecture.md, "Entry points"). Pages use
// `requirePage`, route handlers `withAuth`, server actions `authedAction`; each fails closed.
import { headers } from "next/headers";
import { forbidden as forbiddenPage, redirect } from "next/navigation";
import { NextResponse, type NextRequest } from "next/server";
import { can } from "@/lib/authz/can";
import { isPermission, type Permission } from "@/lib/authz/permissions";
import { AppError, forbidden, notFound, toErrorBody, validationError } from "@/lib/errors";
import { refuseUnstorable, unstorableAt } from "@/lib/validation";
import { currentUser, type SessionUser } from "@/lib/auth/session";
import type { PersonActor } from "@/lib/domain/actor";
import type { Scope } from "@/lib/domain/tokens/scopes";
import type { Contract } from "@/lib/http/contract";
import { readJson } from "@/lib/http/read-json";
import { parseInput } from "@/lib/validation";
import { authenticateToken } from "@/lib/server/tokens";
import { countApiRequest } from "@/lib/server/api-limits";
import { env } from "@/lib/env";
import { crossOriginProblem } from "@/lib/http/same-origin";
import { requestOrigin } from "@/lib/http/request-origin";

function assertDeclared(permission: Permission) {
  if (!isPermission(permission)) throw new Error(`Undeclared permission: ${String(permission)}`);
}

/** For server components: the signed-in user holding `permission`, else sign-in or a 403 page. */
export async function requirePage(permission: Permission, from?: string): Promise<SessionUser> {
  assertDeclared(permission);
  const user = await currentUser();
  if (!user) {
    const back = from ?? (await headers()).get("x-countersign-path");
    redirect(
      back && back !== "/" ? `/sign-in?callbackUrl=${encodeURIComponent(back)}` : "/sign-in",
    );
  }
  if (!can(user, permission)) forbiddenPage();
  return user;
}

export interface RouteContext<P> {
  /** The signed-in person, or the API token acting for its owner. */
  user: PersonActor;
  params: P;
  /** The JSON body, already checked against the contract's body schema (when it declares one). */
  body: unknown;
  /** The query, parsed by the contract's query schema (when it declares one). */
  query: unknown;
}

type Handler<P> = (req: NextRequest, ctx: RouteContext<P>) => Promise<Response>;

/** A route handler, with the contract it was declared with (the OpenAPI document reads it). */
export type RouteHandler<P> = ((
  req: NextRequest,
  context: { params: Promise<P> },
) => Promise<Response>) & {
  contract?: Contract;
  permission?: Permission;
  scopes?: readonly Scope[];
  /** A webhook: authenticated by the sender's signature in this header (lib/auth/webhook.ts). */
  webhook?: { header: string };
};

export function jsonError(error: unknown): NextResponse {
  const { status, body, headers } = toErrorBody(error);
  return NextResponse.json(body, { status, headers });
}

/**
 * A state-changing request must come from the portal's own pages (CSRF): 403 before anything is
 * read. docs/decisions/0008-same-origin-writes.md.
 */
function refuseCrossOrigin(req: NextRequest): void {
  const h = req.headers;
  // A bearer token is no ambient credential: a page on another origin cannot add it (ADR 0012).
  if (h.has("authorization")) return;
  const published = env().NEXTAUTH_URL;
  const problem = crossOriginProblem({
    method: req.method,
    origin: h.get("origin"),
    secFetchSite: h.get("sec-fetch-site"),
    requestOrigin: requestOrigin(h, req.nextUrl),
    trustedOrigins: published ? [new URL(published).origin] : [],
  });
  if (problem) throw forbidden(problem);
}

/**
 * Text PostgreSQL cannot store (NUL, a lone surrogate) in a path parameter names nothing that can
 * exist (404, as for any unknown id); in a query parameter it is bad input (400 naming it).
 * Checked before a handler reads anything.
 */
async function checkedParams<P>(req: NextRequest, params: Promise<P>): Promise<P> {
  const resolved = await params;
  if (unstorableAt(resolved)) throw notFound();
  for (const [name, value] of req.nextUrl.searchParams) {
    const problem = unstorableAt(`${name}${value}`);
    if (problem) throw validationError([{ field: name, message: problem.message }]);
  }
  return resolved;
}

/** For deliberately public route handlers (health, sign-in): declared, so nothing is public by accident. */
export function publicRoute<P = Record<string, never>>(
  handler: (req: NextRequest, params: P) => Promise<Response>,
) {
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    try {
      refuseCrossOrigin(req);
      return await handler(req, await checkedParams(req, context.params));
    } catch (error) {
      return jsonError(error);
    }
  };
}

/** For a method a route does not have: 405 in the JSON error shape, with Allow. Reads nothing. */
export function methodNotAllowed(allowed: readonly string[]) {
  const allow = allowed.join(", ");
  return publicRoute<Record<string, unknown>>(async (req) =>
    NextResponse.json(
      {
        error: {
          code: "METHOD_NOT_ALLOWED",
          message: `${req.method} is not allowed here; use ${allow}.`,
        },
      },
      { status: 405, headers: { allow } },
    ),
  );
}

/** For an API path that names nothing: 404 in the JSON error shape, not an HTML page. */
export function noSuchRoute() {
  return publicRoute<Record<string, unknown>>(async (req) => {
    throw notFound(`No API at ${req.nextUrl.pathname}. See the README for the API's routes.`);
  });
}

/**
 * The person behind a request: an `Authorization: Bearer` token (acting for its owner, only on
 * routes that declare a scope, and only with that scope), else the session cookie. 401 without
 * either; a request with an Authorization header is never read as a session.
 */
async function requester(req: NextRequest, scopes: readonly Scope[]): Promise<PersonActor> {
  const authorization = req.headers.get("authorization");
  if (authorization === null) {
    const user = await currentUser();
    if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first, or send an API token.");
    return user;
  }
  const match = /^Bearer +(\S+) *$/i.exec(authorization);
  if (!match)
    throw new AppError(
      "UNAUTHENTICATED",
      'The Authorization header must be "Bearer <token>" with a Countersign API token.',
    );
  const token = await authenticateToken(match[1]!);
  if (!scopes.length)
    throw forbidden("API tokens cannot use this endpoint: it is for people in the portal.");
  if (!scopes.some((scope) => token.token.scopes.includes(scope)))
    throw forbidden(
      `The token "${token.token.name}" lacks the ${scopes.join(" or ")} scope this endpoint needs.`,
    );
  return token;
}

/**
 * For route handlers: 401 without a session or token, 403 without the permission (or the token
 * without the scope), 429 over the rate limit, 400 when the body or query breaks the contract;
 * errors as JSON. `scope` opens the route to API tokens holding it; without one, tokens are refused.
 */
export function withAuth<P = Record<string, never>>(
  options: { permission: Permission; scope?: Scope | readonly Scope[]; contract?: Contract },
  handler: Handler<P>,
): RouteHandler<P> {
  assertDeclared(options.permission);
  const { contract } = options;
  const scopes: readonly Scope[] =
    options.scope === undefined
      ? []
      : typeof options.scope === "string"
        ? [options.scope]
        : options.scope;
  const route: RouteHandler<P> = async (req, context) => {
    try {
      refuseCrossOrigin(req);
      const user = await requester(req, scopes);
      if (!can(user, options.permission)) throw forbidden();
      await countApiRequest(user);
      const params = await checkedParams(req, context.params);
      // Empty values are left out, as a form's empty filter means "any".
      const query = contract?.query
        ? parseInput(
            contract.query,
            Object.fromEntries([...req.nextUrl.searchParams].filter(([, v]) => v !== "")),
          )
        : undefined;
      let body: unknown = undefined;
      if (contract?.body) {
        body = await readJson(req, contract.maxBodyBytes);
        parseInput(contract.body, body);
      }
      return await handler(req, { user, params, body, query });
    } catch (error) {
      return jsonError(error);
    }
  };
  return Object.assign(route, { contract, permission: options.permission, scopes });
}

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; details?: unknown } };

/** For server actions: the same checks, answering a result instead of throwing. */
export function authedAction<I, T>(
  options: { permission: Permission },
  action: (user: SessionUser, input: I) => Promise<T>,
) {
  assertDeclared(options.permission);
  return async (input: I): Promise<ActionResult<T>> => {
    try {
      const user = await currentUser();
      if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
      if (!can(user, options.permission)) throw forbidden();
      refuseUnstorable(input);
      return { ok: true, data: await action(user, input) };
    } catch (error) {
      return { ok: false, error: toErrorBody(error).body.error };
    }
  };
}
