// The entry point of webhooks from code hosts and incident tools. They carry no session and no
// token: a webhook is authenticated by its signature over the exact bytes sent, with a secret only
// the sender and Countersign know, so it needs no same-origin check (a page elsewhere cannot sign).
// `verify` is required and fails closed: an unsigned or wrongly signed delivery is answered 401
// before anything is written (docs/decisions/0013-integrations.md).
import { NextResponse, type NextRequest } from "next/server";
import { readJsonText } from "@/lib/http/read-json";
import { jsonError, type RouteHandler } from "./guards";

/** GitHub caps a delivery at 25 MB; a pull request event is a few tens of kilobytes. */
export const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024;

export interface Delivery<C> {
  /** Who signed it (a connection), as `verify` found it. */
  signer: C;
  text: string;
  body: unknown;
  headers: Headers;
}

export function webhookRoute<C>(options: {
  /** For the API reference: what is sent here. */
  summary: string;
  /** The header the sender signs with. */
  header: string;
  /** The signer, or an error (401) when no known secret signed these bytes. */
  verify: (text: string, headers: Headers) => Promise<C>;
  handle: (delivery: Delivery<C>) => Promise<{ status: number; body: object }>;
}) {
  const route: RouteHandler<Record<string, never>> = async (req: NextRequest) => {
    try {
      const { text, body } = await readJsonText(req, MAX_WEBHOOK_BYTES);
      const signer = await options.verify(text, req.headers);
      const answer = await options.handle({ signer, text, body, headers: req.headers });
      return NextResponse.json(answer.body, { status: answer.status });
    } catch (error) {
      return jsonError(error);
    }
  };
  route.contract = { tag: "Webhooks (signed by the sender)", summary: options.summary };
  route.webhook = { header: options.header };
  return route;
}
