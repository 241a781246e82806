// One new file in two revisions, shared by the review flows: a card-authorisation retry on the
// storefront's checkout (tier 1), first retrying at once, then with jitter.
import type { Page } from "@playwright/test";
import { expect, SAME_ORIGIN } from "./fixtures";

export const FILE = "apps/web/checkout/card-retry.ts";
export const diff = (lines: string[]) => `diff --git a/${FILE} b/${FILE}
new file mode 100644
--- /dev/null
+++ b/${FILE}
@@ -0,0 +1,${lines.length} @@
${lines.map((l) => `+${l}`).join("\n")}
`;
export const FIRST = [
  "export async function authorise(call: () => Promise<boolean>) {",
  "  try { return await call(); } catch { return call(); }",
  "}",
];
export const SECOND = [
  "export async function authorise(call: () => Promise<boolean>) {",
  "  try { return await call(); } catch {",
  "    await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));",
  "    return call();",
  "  }",
  "}",
];

/** Submits the first revision through the API as the signed-in person; answers its key. */
export async function submitCardRetry(page: Page, over: Record<string, unknown> = {}) {
  const response = await page.request.post("/api/v1/changes", {
    headers: SAME_ORIGIN,
    data: {
      submit: true,
      title: "Retry card authorisation once",
      intent: "Card authorisations time out at peak; one retry recovers most of them.",
      repository: "acme/storefront",
      diff: diff(FIRST),
      aiExtent: "GENERATED",
      aiTools: ["Claude Code"],
      aiWrote: `All of ${FILE}.`,
      ...over,
    },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { key: string }).key;
}
