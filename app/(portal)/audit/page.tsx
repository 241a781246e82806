import type { Metadata } from "next";
import { requirePage } from "@/lib/auth/guards";
import { can } from "@/lib/authz/can";
import { listAuditEvents } from "@/lib/server/audit/list";
import { AUDIT_ACTIONS } from "@/lib/domain/audit/events";
import {
  auditFiltersSchema,
  parseSearchParams,
  withParams,
  type RawSearchParams,
} from "@/lib/search-params";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { KeysetPagination } from "@/components/ui/pagination";
import { AuditFilterForm } from "@/components/audit/filter-form";
import { AuditTable } from "@/components/audit/audit-table";
import { ExportButtons } from "@/components/audit/export-buttons";
import { VerifyButton } from "@/components/audit/verify-button";

export const metadata: Metadata = { title: "Audit trail" };

const local = (d: Date | undefined) => (d ? d.toISOString().slice(0, 16) : undefined);

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const user = await requirePage("audit:read", "/audit");
  const filters = parseSearchParams(auditFiltersSchema, await searchParams);
  const page = await listAuditEvents(filters);
  const base = {
    actor: filters.actor,
    action: filters.action,
    subject: filters.subject,
    change: filters.change,
    from: local(filters.from),
    to: local(filters.to),
  };
  const filtered = Object.values(base).some(Boolean);

  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every sign-in, edit, routing decision, review and export, append-only and hash-chained. Times are UTC."
        actions={
          <>
            {can(user, "audit:verify") ? (
              <VerifyButton />
            ) : (
              <p className="max-w-56 text-xs text-slate-600">
                An admin verifies the hash chain (the Verify chain button here, for admins).
              </p>
            )}
            <ExportButtons since={base.from} until={base.to} />
          </>
        }
      />
      <Card>
        <AuditFilterForm values={base} actions={AUDIT_ACTIONS} />
        {page.unknownActor ? (
          <EmptyState title={`Nobody has the handle "${filters.actor}"`}>
            Use a handle such as @jane.doe, or “system” for scheduled jobs.
          </EmptyState>
        ) : page.rows.length === 0 ? (
          <EmptyState title={filtered ? "No events match these filters" : "No events yet"}>
            {filtered ? "Widen the time range or clear a filter." : null}
          </EmptyState>
        ) : (
          <AuditTable rows={page.rows} />
        )}
        <KeysetPagination
          summary={filtered ? "Filtered events, newest first" : "All events, newest first"}
          prevHref={
            page.newerCursor
              ? withParams("/audit", base, { newer: String(page.newerCursor) })
              : null
          }
          nextHref={
            page.olderCursor
              ? withParams("/audit", base, { older: String(page.olderCursor) })
              : null
          }
        />
      </Card>
    </>
  );
}
