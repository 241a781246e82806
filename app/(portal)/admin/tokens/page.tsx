import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth/guards";
import { SCOPES, SCOPE_NAMES } from "@/lib/domain/tokens/scopes";
import { listTokens } from "@/lib/server/tokens";
import { PageHeader } from "@/components/ui/page-header";
import { TokenManager } from "@/components/tokens/token-manager";

export const metadata: Metadata = { title: "API tokens" };

export default async function AdminTokensPage() {
  const user = await requirePage("admin:use", "/admin/tokens");
  const tokens = await listTokens(user, "all");
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/admin" className="hover:underline">
            ← Admin
          </Link>
        }
        title="API tokens"
        description="Every token in the organisation. Create one for a pipeline's owner: its scopes can be no wider than that person's own permissions."
      />
      <TokenManager
        tokens={tokens}
        scopes={SCOPE_NAMES.map((s) => ({ name: s, what: SCOPES[s].what }))}
        forAnyone
      />
    </>
  );
}
