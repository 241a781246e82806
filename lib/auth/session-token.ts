// Reading the session cookie without NextAuth's session round trip (docs/decisions/0016-scale.md).
// getServerSession ran NextAuth's whole "session" action on every request: it derived the cookie's
// key with HKDF, decrypted the token, ran the callbacks, then derived the key again to encrypt a
// refreshed token that a server component cannot even send back. Here the key is derived once per
// secret and the token only decrypted, exactly as next-auth/jwt's decode does it (the same key,
// algorithm and clock tolerance; a test decodes what next-auth/jwt's encode wrote).
import { hkdfSync } from "node:crypto";
import { jwtDecrypt, type JWTPayload } from "jose";

const INFO = "NextAuth.js Generated Encryption Key";
const keys = new Map<string, Uint8Array>();

function keyFor(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, "", INFO, 32));
    keys.set(secret, key);
  }
  return key;
}

/** The token's payload, or null when it is missing, forged, for another secret or expired. */
export async function decodeSessionToken(
  token: string | undefined,
  secret: string,
): Promise<JWTPayload | null> {
  if (!token) return null;
  try {
    return (await jwtDecrypt(token, keyFor(secret), { clockTolerance: 15 })).payload;
  } catch {
    return null;
  }
}

/** NextAuth's cookie name: the __Secure- prefix when the portal is served over HTTPS. */
export function sessionCookieName(publicUrl: string | undefined): string {
  return publicUrl?.startsWith("https://")
    ? "__Secure-next-auth.session-token"
    : "next-auth.session-token";
}

/** The token from the cookies, joined when NextAuth split a large one into name.0, name.1, … */
export function sessionTokenFrom(
  cookies: { get(name: string): { value: string } | undefined },
  name: string,
): string | undefined {
  const whole = cookies.get(name)?.value;
  if (whole) return whole;
  const parts: string[] = [];
  for (let i = 0; ; i++) {
    const part = cookies.get(`${name}.${i}`)?.value;
    if (part === undefined) break;
    parts.push(part);
  }
  return parts.length ? parts.join("") : undefined;
}
