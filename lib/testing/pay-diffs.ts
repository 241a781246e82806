// Two revisions of one file, shared by the thread tests: revision 2 keeps the import and the
// function, drops the timeout line and adds two header lines above them.
export const REV1 = `diff --git a/src/pay.ts b/src/pay.ts
--- a/src/pay.ts
+++ b/src/pay.ts
@@ -1,5 +1,6 @@
 import { charge } from "./charge";
-const RETRIES = 3;
+const RETRIES = 5;
+const TIMEOUT_MS = 2000;
 export function pay(amount: number) {
   return charge(amount, RETRIES);
 }
`;

export const REV2 = `diff --git a/src/pay.ts b/src/pay.ts
--- a/src/pay.ts
+++ b/src/pay.ts
@@ -1,5 +1,7 @@
+// Payments.
+// Retries are bounded.
 import { charge } from "./charge";
-const RETRIES = 3;
+const RETRIES = 4;
 export function pay(amount: number) {
   return charge(amount, RETRIES);
 }
`;
