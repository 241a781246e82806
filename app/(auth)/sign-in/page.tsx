import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { demoMode, env, oidcConfigured } from "@/lib/env";
import { demoPeople } from "@/lib/server/people";
import { DemoPicker } from "@/components/auth/demo-picker";
import { OidcButton } from "@/components/auth/oidc-button";
import { Logo } from "@/components/brand/logo";
import { sameOriginPath } from "@/lib/http/callback-url";
import { requestOrigin } from "@/lib/http/request-origin";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  AccessDenied:
    "Your account is not in the Countersign directory, or it is deactivated. Ask an admin.",
  CredentialsSignin: "That person cannot sign in.",
  OAuthSignin: "The single sign-on provider could not be reached.",
  OAuthCallback: "The single sign-on provider returned an error.",
  RateLimited: "Too many sign-in attempts. Wait a few minutes, then try again.",
};

/**
 * The published address (NEXTAUTH_URL) when this page was opened at another one (127.0.0.1, the
 * network address): sign-in ends on the published address, so the session would be set there.
 */
async function publishedElsewhere(): Promise<string | null> {
  const published = env().NEXTAUTH_URL;
  if (!published) return null;
  const origin = new URL(published).origin;
  return requestOrigin(await headers(), new URL(published)) === origin ? null : origin;
}

// Public page (declared): the way in.
export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const params = await searchParams;
  const callbackUrl = sameOriginPath(params.callbackUrl, env().NEXTAUTH_URL ?? "http://localhost");
  if (await currentUser()) redirect(callbackUrl);
  const elsewhere = await publishedElsewhere();
  const demo = demoMode();
  const sso = oidcConfigured();
  const people = demo ? await demoPeople() : [];
  const error = params.error ? (ERRORS[params.error] ?? "Sign-in failed. Try again.") : null;

  return (
    <main className="min-h-screen bg-gradient-to-b from-slate-100 to-slate-50">
      <div className="mx-auto flex max-w-5xl flex-col gap-8 px-6 py-12">
        <header className="flex flex-col items-center text-center">
          <Logo className="size-12" />
          <h1 className="mt-4 text-3xl font-semibold tracking-tight text-slate-900">
            Sign in to Countersign
          </h1>
          <p className="mt-2 max-w-xl text-slate-600">
            A second, accountable human signature on AI-assisted code changes.
          </p>
        </header>
        {error ? (
          <p
            role="alert"
            className="mx-auto max-w-xl rounded-md bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-red-200"
          >
            {error}
          </p>
        ) : null}
        {elsewhere ? (
          <div
            role="alert"
            className="mx-auto max-w-xl rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200"
          >
            <p className="font-medium">Countersign lives at {elsewhere}.</p>
            <p className="mt-1">
              You opened it at another address, where signing in cannot keep you signed in.{" "}
              <a
                className="font-medium text-amber-950 underline underline-offset-2"
                href={`${elsewhere}/sign-in${callbackUrl === "/" ? "" : `?callbackUrl=${encodeURIComponent(callbackUrl)}`}`}
              >
                Sign in at {elsewhere}
              </a>
            </p>
          </div>
        ) : null}
        {elsewhere ? null : sso ? (
          <div className="mx-auto w-full max-w-sm">
            <OidcButton name={env().OIDC_NAME} callbackUrl={callbackUrl} />
          </div>
        ) : null}
        {demo && !elsewhere ? <DemoPicker people={people} callbackUrl={callbackUrl} /> : null}
        {!sso && !demo ? (
          <p className="mx-auto max-w-xl rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
            No sign-in method is configured. Set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET
            for your identity provider, or DEMO_MODE=1 to pick a seeded person on a demo database
            (see the README).
          </p>
        ) : null}
      </div>
    </main>
  );
}
