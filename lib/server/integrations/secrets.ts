// The integrations' secrets (webhook secrets, API tokens) at rest: AES-256-GCM under a key derived
// from INTEGRATIONS_KEY (README, Configuration; `npm start` generates one into .data/ when unset).
// A database dump alone does not give them away; without the key nothing can be read back, and a
// saved secret is never shown again.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";

const VERSION = "v1";

type KeyEnv = Record<string, string | undefined>;

function key(env: KeyEnv = process.env): Buffer {
  const given = env.INTEGRATIONS_KEY;
  if (!given || given.length < 16)
    throw new AppError(
      "CONFLICT",
      "INTEGRATIONS_KEY is not set (at least 16 characters): integrations' secrets cannot be stored or read.",
    );
  return createHash("sha256").update(`countersign integrations ${given}`).digest();
}

export function encryptSecret(plain: string, env?: KeyEnv): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(env), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, tag, body]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export function decryptSecret(sealed: string, env?: KeyEnv): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined)
    throw new Error("not a sealed integration secret");
  const decipher = createDecipheriv("aes-256-gcm", key(env), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([
    decipher.update(Buffer.from(body, "base64url")),
    decipher.final(),
  ]).toString("utf8");
}
