// How a session was issued, and whether that way in is open now. A session records its method, so
// a cookie minted in demo mode (where anyone may pick the admin) is worthless once demo mode is off,
// even on the same database and signing secret (docs/decisions/0010-sessions-record-their-method.md).

export const SIGN_IN_METHODS = ["demo", "oidc"] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

export function isSignInMethod(value: unknown): value is SignInMethod {
  return typeof value === "string" && (SIGN_IN_METHODS as readonly string[]).includes(value);
}

/** A session is honoured only when it names a method that is enabled at this moment. */
export function sessionMethodAccepted(
  method: unknown,
  enabled: { demo: boolean; oidc: boolean },
): boolean {
  if (!isSignInMethod(method)) return false;
  return method === "demo" ? enabled.demo : enabled.oidc;
}
