import { NextResponse } from "next/server";
import { withAuth, methodNotAllowed } from "@/lib/auth/guards";
import { pgPool } from "@/lib/db/pg";
import { describeVerify, verifyChain } from "@/lib/server/audit/verify";
import { checkpointConfig, loadCheckpoints } from "@/lib/server/audit/checkpoints";

export const GET = withAuth(
  {
    permission: "audit:verify",
    contract: { tag: "Audit", summary: "Verify the audit chain (admins, in the portal)" },
  },
  async () => {
    const config = checkpointConfig();
    const checkpoints = await loadCheckpoints(pgPool(), config.logFile);
    const result = await verifyChain(pgPool(), { checkpoints, verifyKey: config.verifyKey });
    return NextResponse.json(
      { ...result, message: describeVerify(result) },
      { headers: { "cache-control": "no-store" } },
    );
  },
);

// Every other method: 405 in the JSON error shape.
export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
