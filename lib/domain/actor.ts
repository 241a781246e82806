// Who is acting, as every use case takes it (docs/architecture.md, "Actors"): a signed-in person,
// an API token acting for its owner, or the system itself (a job, the CLI, an import). Entry
// points translate their credentials into an Actor once; use cases never see a framework's
// session type. Pure.
import type { AuditActor } from "@/lib/domain/audit/events";
import type { Level, Role } from "@/lib/domain/levels";

export interface Person {
  id: string;
  name: string;
  email: string;
  handle: string;
  level: Level;
  roles: readonly Role[];
  active: boolean;
}

/** The columns of a User that make a Person (for a Prisma `select`). */
export const PERSON_COLUMNS = {
  id: true,
  name: true,
  email: true,
  handle: true,
  level: true,
  roles: true,
  active: true,
} as const;

/**
 * The same columns in SQL, from the User aliased `t`, for the prepared statements that read the
 * person on every request (the session's, a bearer token's owner).
 */
export const personSql = (t: string) =>
  `${t}.id, ${t}.name, ${t}.email, ${t}.handle, ${t}.level::text AS level, ${t}.roles::text[] AS roles, ${t}.active`;

/** A person signed in to the portal. */
export interface UserActor extends Person {
  kind: "user";
}

/** An API token acting for its owner: never beyond the owner's permissions, and never signs. */
export interface TokenActor extends Person {
  kind: "token";
  token: { id: string; name: string; scopes: readonly string[] };
}

/** The portal itself: a scheduled job, an import run from the command line, the demo seed. */
export interface SystemActor {
  kind: "system";
  job: string;
}

export type Actor = UserActor | TokenActor | SystemActor;
/** An actor that is, or acts for, one person. */
export type PersonActor = UserActor | TokenActor;

export function isPersonActor(actor: Actor): actor is PersonActor {
  return actor.kind === "user" || actor.kind === "token";
}

/** How the audit trail names the actor. */
export function auditActorOf(actor: Actor): AuditActor {
  switch (actor.kind) {
    case "user":
      return { type: "USER", id: actor.id, name: `${actor.name} (@${actor.handle})` };
    case "token":
      return {
        type: "TOKEN",
        id: actor.token.id,
        name: `token ${actor.token.name} for ${actor.name} (@${actor.handle})`,
      };
    case "system":
      return { type: "SYSTEM", id: null, name: `system:${actor.job}` };
  }
}

export const systemActor = (job: string): SystemActor => ({ kind: "system", job });
