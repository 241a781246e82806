const LABELS: Record<string, string> = {
  "auth.signed_in": "signed in",
  "auth.signed_out": "signed out",
  "system.updated": "updated system",
  "team.updated": "updated team",
  "demo.seeded": "seeded demo data",
  "change.draft_saved": "saved a draft change",
  "change.submitted": "submitted a change",
  "review.submitted": "reviewed a change",
  "review.file_viewed": "marked a file viewed",
  "change.withdrawn": "withdrew a change",
  "change.revised": "uploaded a new revision",
  "change.deployed": "marked a change deployed",
  "change.rolled_back": "marked a change rolled back",
  "change.sla_breached": "escalated an overdue review",
  "policy.window_saved": "saved a policy window",
  "import.codeowners": "imported a CODEOWNERS file",
  "import.catalog": "imported a Backstage catalog",
  "audit.exported": "exported the audit trail",
};

export function actionLabel(action: string): string {
  return LABELS[action] ?? action;
}
