// Who signed a webhook: each active connection of the kind is tried with its own secret, in
// constant time. GitHub signs with X-Hub-Signature-256 (verified by @octokit/webhooks), GitLab
// sends its secret token as X-Gitlab-Token, PagerDuty signs with X-PagerDuty-Signature (v1=, one
// per signing secret while a secret is rotated), and the generic incident webhook signs like
// GitHub (X-Countersign-Signature-256: sha256=<hex HMAC-SHA256 of the body>).
import { createHmac, timingSafeEqual } from "node:crypto";
import { Webhooks } from "@octokit/webhooks";
import { AppError } from "@/lib/errors";
import { connectionsOf, type ConnectionKind, type LoadedConnection } from "./connections";
import { decryptSecret } from "./secrets";

const unsigned = (message: string) => new AppError("UNAUTHENTICATED", message);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const hmacHex = (secret: string, text: string) =>
  createHmac("sha256", secret).update(text, "utf8").digest("hex");

const CHECKS: Record<
  ConnectionKind,
  {
    header: string;
    check: (secret: string, text: string, value: string) => Promise<boolean> | boolean;
  }
> = {
  GITHUB: {
    header: "x-hub-signature-256",
    check: (secret, text, value) => new Webhooks({ secret }).verify(text, value).catch(() => false),
  },
  GITLAB: { header: "x-gitlab-token", check: (secret, _text, value) => same(secret, value) },
  PAGERDUTY: {
    header: "x-pagerduty-signature",
    check: (secret, text, value) => {
      const expected = `v1=${hmacHex(secret, text)}`;
      return value.split(",").some((v) => same(v.trim(), expected));
    },
  },
  INCIDENT_WEBHOOK: {
    header: "x-countersign-signature-256",
    check: (secret, text, value) => same(value.trim(), `sha256=${hmacHex(secret, text)}`),
  },
};

export const SIGNATURE_HEADERS = Object.fromEntries(
  Object.entries(CHECKS).map(([kind, c]) => [kind, c.header]),
) as Record<ConnectionKind, string>;

export async function signerOf(
  kind: ConnectionKind,
  text: string,
  headers: Headers,
): Promise<LoadedConnection> {
  const { header, check } = CHECKS[kind];
  const value = headers.get(header);
  if (!value) throw unsigned(`The ${header} header is missing: deliveries must be signed.`);
  for (const connection of await connectionsOf(kind)) {
    if (await check(decryptSecret(connection.secret), text, value)) return connection;
  }
  throw unsigned(`The ${header} signature matches no connection's secret.`);
}
