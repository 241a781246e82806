// API token scopes: what a token may be used for. A token acts as its owner and never beyond the
// owner's permissions (lib/authz/permissions.ts); a scope only narrows. Each scope names the
// permission its owner must hold, so a token cannot be created wider than its owner. No scope
// approves: a sign-off is a person's signature, made in the portal (docs/decisions/0012-api-tokens.md).
// Pure.
import type { Permission } from "@/lib/authz/permissions";

export const SCOPES = {
  "changes:read": { needs: "portal:use", what: "read changes, their requirements and routing" },
  "changes:write": { needs: "changes:create", what: "submit changes and upload revisions" },
  "gate:read": { needs: "portal:use", what: "ask whether a change may deploy" },
  "deployments:write": { needs: "changes:create", what: "record deployments and rollbacks" },
  "incidents:write": { needs: "incidents:write", what: "open incidents" },
  "audit:read": { needs: "audit:read", what: "stream the audit trail" },
  "metrics:read": { needs: "dashboard:read", what: "read the review and incident metrics" },
} as const satisfies Record<string, { needs: Permission; what: string }>;

export type Scope = keyof typeof SCOPES;
export const SCOPE_NAMES = Object.keys(SCOPES) as Scope[];

export function isScope(value: string): value is Scope {
  return Object.hasOwn(SCOPES, value);
}

/** The scopes an owner may not be given, with why (empty when every scope is within reach). */
export function scopesBeyond(
  scopes: readonly string[],
  ownerMay: (permission: Permission) => boolean,
): { scope: string; why: string }[] {
  return scopes.flatMap((scope) => {
    if (!isScope(scope)) return [{ scope, why: `"${scope}" is not a scope` }];
    const { needs } = SCOPES[scope];
    return ownerMay(needs)
      ? []
      : [{ scope, why: `the owner lacks the "${needs}" permission that ${scope} needs` }];
  });
}

/** A token's secret: recognisable prefix and 32 random bytes (256 bits), base64url. */
export const SECRET_PREFIX = "cs_";
export const SECRET_PATTERN = /^cs_[A-Za-z0-9_-]{43}$/;

/** Why a token cannot be used now, or null when it can. */
export function tokenUnusable(
  token: { revokedAt: Date | null; expiresAt: Date | null },
  now: Date,
): string | null {
  if (token.revokedAt) return "The token was revoked.";
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return "The token expired.";
  return null;
}
