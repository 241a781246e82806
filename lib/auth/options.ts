// next-auth configuration, built per request because demo mode and OIDC come from the
// environment at run time, not at build time.
import type { NextAuthOptions } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/db";
import { demoMode, env, oidcConfigured } from "@/lib/env";
import { recordSignIn, recordSignOut } from "@/lib/server/auth-events";
import { sessionMethodAccepted } from "@/lib/auth/sign-in-method";
import { sameOriginPath } from "@/lib/http/callback-url";
import { countSignInAttempt } from "@/lib/server/sign-in-limits";

/** The sign-in page's error code for an attempt over the limits (lib/server/sign-in-limits.ts). */
export const RATE_LIMITED = "RateLimited";

interface OidcProfile {
  sub: string;
  email?: string;
  name?: string;
}

function oidcProvider(): OAuthConfig<OidcProfile> {
  const e = env();
  return {
    id: "oidc",
    name: e.OIDC_NAME,
    type: "oauth",
    wellKnown: `${e.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: (p) => ({ id: p.sub, email: p.email ?? null, name: p.name ?? p.email ?? p.sub }),
  };
}

const demoInput = z.object({ userId: z.string().min(1).max(64) });

function demoProvider() {
  return CredentialsProvider({
    id: "demo",
    name: "Demo sign-in",
    credentials: { userId: { label: "Person", type: "text" } },
    async authorize(credentials) {
      // Checked again here: the provider list is built per request, but fail closed regardless.
      if (!demoMode()) return null;
      const parsed = demoInput.safeParse(credentials);
      if (!parsed.success) return null;
      // next-auth sends a thrown error's message to the sign-in page as ?error=.
      if (!(await countSignInAttempt({ account: parsed.data.userId })).allowed)
        throw new Error(RATE_LIMITED);
      const user = await db.user.findFirst({
        where: { id: parsed.data.userId, active: true },
        select: { id: true, email: true, name: true },
      });
      return user ?? null;
    },
  });
}

export function authOptions(): NextAuthOptions {
  const providers: NextAuthOptions["providers"] = [];
  if (oidcConfigured()) providers.push(oidcProvider());
  if (demoMode()) providers.push(demoProvider());
  return {
    providers,
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    callbacks: {
      // After signing in (or out), only a path on this portal (lib/http/callback-url.ts).
      redirect({ url, baseUrl }) {
        return `${baseUrl}${sameOriginPath(url, baseUrl)}`;
      },
      async signIn({ user, account }) {
        if (account?.provider === "demo") return true;
        // OIDC: the person must already be in the directory, matched by e-mail.
        const email = user.email?.toLowerCase();
        if (!email) return false;
        if (!(await countSignInAttempt({ account: email })).allowed)
          return `/sign-in?error=${RATE_LIMITED}`;
        const found = await db.user.findFirst({
          where: { email: { equals: email, mode: "insensitive" }, active: true },
          select: { id: true },
        });
        return Boolean(found);
      },
      async jwt({ token, user, account }) {
        if (user && account) {
          const where =
            account.provider === "demo"
              ? { id: user.id }
              : {
                  email: { equals: (user.email ?? "").toLowerCase(), mode: "insensitive" as const },
                };
          const row = await db.user.findFirst({
            where,
            select: { id: true, level: true, roles: true },
          });
          if (row) {
            token.uid = row.id;
            token.level = row.level;
            token.roles = row.roles;
            token.method = account.provider;
            await recordSignIn(row.id, account.provider);
          }
        }
        return token;
      },
      async session({ session, token }) {
        // A session whose way in is closed now (demo mode turned off) is no session at all.
        const enabled = { demo: demoMode(), oidc: oidcConfigured() };
        if (!sessionMethodAccepted(token.method, enabled)) return { expires: session.expires };
        if (token.uid) {
          session.user = {
            ...session.user,
            id: token.uid,
            level: token.level!,
            roles: token.roles ?? [],
          };
          session.method = token.method;
        }
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.uid) await recordSignOut(token.uid);
      },
    },
  };
}
