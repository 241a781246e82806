// One new file in two revisions, shared by the review flows: a card-authorisation retry on the
// storefront's checkout (tier 1), first retrying at once, then with jitter.
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
