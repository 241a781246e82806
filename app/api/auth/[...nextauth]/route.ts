import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { authOptions, RATE_LIMITED } from "@/lib/auth/options";
import { env } from "@/lib/env";
import { clientAddress, countSignInAttempt } from "@/lib/server/sign-in-limits";

// Public by nature: this is where people sign in. Providers are built per request, so the demo
// provider does not exist at all unless demo mode is on. Every sign-in attempt (a callback) is
// counted against the client's address first; the account is counted by the provider's check.
async function handler(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) {
  const params = await ctx.params;
  if (params.nextauth[0] === "callback") {
    const verdict = await countSignInAttempt({ address: clientAddress(req.headers) });
    if (!verdict.allowed) {
      const url = `${env().NEXTAUTH_URL ?? req.nextUrl.origin}/sign-in?error=${RATE_LIMITED}`;
      const headers = { "retry-after": String(verdict.retryAfterSeconds) };
      // next-auth's client posts and then follows the answer's url; a browser follows a redirect.
      return req.method === "POST"
        ? NextResponse.json(
            {
              url,
              error: { code: "TOO_MANY_REQUESTS", message: "Too many sign-in attempts." },
            },
            { status: 429, headers },
          )
        : NextResponse.redirect(url, { status: 303, headers });
    }
  }
  return NextAuth(req, { params }, authOptions());
}

export { handler as GET, handler as POST };
