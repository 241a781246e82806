import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth/guards";
import { PageHeader } from "@/components/ui/page-header";
import { ApiReference } from "@/components/api/api-reference";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiReferencePage() {
  await requirePage("portal:use", "/api-reference");
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            Everything a pipeline or script can do, generated from the schemas the API checks.
            Create a token under{" "}
            <Link href="/tokens" className="text-brand-700 underline hover:text-brand-800">
              API tokens
            </Link>
            ; the machine-readable document is{" "}
            <a
              href="/api/v1/openapi.json"
              className="text-brand-700 underline hover:text-brand-800"
            >
              /api/v1/openapi.json
            </a>
            .
          </>
        }
      />
      <ApiReference />
    </>
  );
}
