import type { Metadata } from "next";
import { requirePage } from "@/lib/auth/guards";
import { draftValues } from "@/lib/server/changes/form-data";
import { PageHeader } from "@/components/ui/page-header";
import { ChangeForm } from "@/components/changes/new/change-form";
import type { RawSearchParams } from "@/lib/search-params";
import { first } from "@/lib/search-params";

export const metadata: Metadata = { title: "New change" };

export default async function NewChangePage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const user = await requirePage("changes:create", "/changes/new");
  const draftKey = first((await searchParams).draft);
  // Repositories, co-authors and systems are suggested as the author types (GET /api/v1/…),
  // not carried in the page: 20,000 people and 5,000 systems made it megabytes
  // (docs/decisions/0016-scale.md).
  const draft = draftKey && /^CR-\d+$/.test(draftKey) ? await draftValues(draftKey, user.id) : null;
  return (
    <>
      <PageHeader
        title={draft ? `Continue ${draft.key}` : "New change"}
        description="Describe the change and how an AI helped. As you type, the panel on the right shows which systems it touches and who must sign off, and why."
      />
      <ChangeForm draft={draft} author={{ handle: user.handle, level: user.level }} />
    </>
  );
}
