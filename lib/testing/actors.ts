import type { PersonActor } from "@/lib/domain/actor";
import type { Level, Role } from "@/lib/domain/levels";

/** A factory-made user as the signed-in person a use case expects. */
export function asSessionUser(user: {
  id: string;
  name: string;
  email: string;
  handle: string;
  level: Level;
  roles: Role[];
  active: boolean;
}): PersonActor {
  return {
    kind: "user",
    id: user.id,
    name: user.name,
    email: user.email,
    handle: user.handle,
    level: user.level,
    roles: user.roles,
    active: user.active,
  };
}
