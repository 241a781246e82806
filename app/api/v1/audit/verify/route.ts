import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { pgPool } from "@/lib/db/pg";
import { describeVerify, verifyChain } from "@/lib/server/audit/verify";
import { loadCheckpoints, verifyConfig } from "@/lib/server/audit/checkpoints";

export const GET = withAuth(
  {
    permission: "audit:verify",
    contract: { tag: "Audit", summary: "Verify the audit chain (admins, in the portal)" },
  },
  async () => {
    // Verifying never generates a signing key: that is the job worker's (verifyConfig).
    const { verifyKey, logFile } = verifyConfig();
    const checkpoints = await loadCheckpoints(pgPool(), logFile);
    const result = await verifyChain(pgPool(), verifyKey ? { checkpoints, verifyKey } : null);
    const unchecked =
      !verifyKey && checkpoints.length
        ? ` ${checkpoints.length} checkpoints were not checked: this server has no verification key (set AUDIT_VERIFY_KEY_FILE).`
        : "";
    return NextResponse.json(
      { ...result, message: describeVerify(result) + unchecked },
      { headers: { "cache-control": "no-store" } },
    );
  },
);

// Every other method: 405 in the JSON error shape.
export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
