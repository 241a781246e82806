// A real OpenID Connect provider for the browser tests (the `oidc-provider` package, with its
// development login and consent pages): the login typed is the e-mail address the portal receives.
import Provider from "oidc-provider";

export const OIDC_CLIENT = { id: "countersign-e2e", secret: "e2e-oidc-client-secret-0123456789" };

export async function startOidcProvider(
  port: number,
  portalUrl: string,
): Promise<() => Promise<void>> {
  const issuer = `http://localhost:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT.id,
        client_secret: OIDC_CLIENT.secret,
        redirect_uris: [`${portalUrl}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    cookies: { keys: ["e2e-oidc-cookie-key"] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // next-auth reads the person from the ID token.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, sub) {
      return {
        accountId: sub,
        async claims() {
          return { sub, email: sub, email_verified: true, name: sub.split("@")[0] };
        },
      };
    },
  });
  const server = provider.listen(port);
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
