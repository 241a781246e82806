import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth/guards";
import { can } from "@/lib/authz/can";
import { SCOPES, SCOPE_NAMES } from "@/lib/domain/tokens/scopes";
import { listTokens } from "@/lib/server/tokens";
import { PageHeader } from "@/components/ui/page-header";
import { TokenManager } from "@/components/tokens/token-manager";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const user = await requirePage("portal:use", "/tokens");
  const tokens = await listTokens(user, "mine");
  // Only the scopes within your own permissions are offered (the server refuses the others).
  const scopes = SCOPE_NAMES.filter((s) => can(user, SCOPES[s].needs)).map((s) => ({
    name: s,
    what: SCOPES[s].what,
  }));
  return (
    <>
      <PageHeader
        title="Your API tokens"
        description={
          <>
            For the command line and pipelines: submit changes, ask the deploy gate, record
            deployments. See the{" "}
            <Link href="/api-reference" className="text-brand-700 underline">
              API reference
            </Link>
            .
          </>
        }
      />
      <TokenManager tokens={tokens} scopes={scopes} forAnyone={false} />
    </>
  );
}
