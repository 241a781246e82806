// Pure authorization: can this actor do this? Fails closed: no actor, an inactive actor or an
// action that is not in the table all answer false.
import { PERMISSIONS, isPermission, type Grantee, type Permission } from "./permissions";

export function can(actor: Grantee | null | undefined, action: Permission | string): boolean {
  if (!actor || actor.kind === "system" || !actor.active) return false;
  if (!isPermission(action)) return false;
  return PERMISSIONS[action](actor);
}

export type { Grantee, Permission };
