// Who is asking. The session names the user; authorization always re-reads the user from the
// database so that a deactivated person or a changed level takes effect at once.
import { getServerSession } from "next-auth";
import { cache } from "react";
import { db } from "@/lib/db";
import { PERSON_COLUMNS, type UserActor } from "@/lib/domain/actor";
import { authOptions } from "@/lib/auth/options";
import { sessionMethodAccepted } from "@/lib/auth/sign-in-method";
import { demoMode, oidcConfigured } from "@/lib/env";

/** The signed-in person, as the Actor every use case takes (lib/domain/actor.ts). */
export type SessionUser = UserActor;

export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  if (!sessionMethodAccepted(session.method, { demo: demoMode(), oidc: oidcConfigured() }))
    return null;
  const user = await db.user.findUnique({
    where: { id },
    select: PERSON_COLUMNS,
  });
  if (!user || !user.active) return null;
  return { kind: "user", ...user };
});
