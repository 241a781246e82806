// Who is asking. The session cookie names the user; authorization always re-reads the user from
// the database so that a deactivated person or a changed level takes effect at once. The cookie is
// decrypted directly, not through getServerSession (lib/auth/session-token.ts), and the person read
// through a prepared statement (lib/db/reader.ts): both run on every request.
import { cookies } from "next/headers";
import { cache } from "react";
import { db } from "@/lib/db";
import { readerFor } from "@/lib/db/reader";
import { personSql, type UserActor } from "@/lib/domain/actor";
import type { Level, Role } from "@/lib/domain/levels";
import { sessionMethodAccepted } from "@/lib/auth/sign-in-method";
import { decodeSessionToken, sessionCookieName, sessionTokenFrom } from "@/lib/auth/session-token";
import { demoMode, env, oidcConfigured } from "@/lib/env";

/** The signed-in person, as the Actor every use case takes (lib/domain/actor.ts). */
export type SessionUser = UserActor;

type PersonRow = Omit<UserActor, "kind"> & { level: Level; roles: Role[] };

/** The person a session names, if they may still use it (active, and the way in still open). */
export async function sessionUserFrom(token: string | undefined): Promise<SessionUser | null> {
  const { NEXTAUTH_SECRET: secret } = env();
  if (!secret) return null;
  const payload = await decodeSessionToken(token, secret);
  const id = payload?.uid;
  if (typeof id !== "string" || !id) return null;
  if (!sessionMethodAccepted(payload?.method, { demo: demoMode(), oidc: oidcConfigured() }))
    return null;
  const [user] = await readerFor(db).query<PersonRow>(
    "session-user",
    `SELECT ${personSql("u")} FROM "User" u WHERE u.id = $1`,
    [id],
  );
  if (!user || !user.active) return null;
  return { kind: "user", ...user };
}

export const currentUser = cache(async (): Promise<SessionUser | null> =>
  sessionUserFrom(sessionTokenFrom(await cookies(), sessionCookieName(env().NEXTAUTH_URL))),
);
