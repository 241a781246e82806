import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/guards";
import { pgPool } from "@/lib/db/pg";
import { describeVerify, verifyChain } from "@/lib/server/audit/verify";

export const GET = withAuth({ permission: "audit:verify" }, async () => {
  const result = await verifyChain(pgPool());
  return NextResponse.json(
    { ...result, message: describeVerify(result) },
    { headers: { "cache-control": "no-store" } },
  );
});
