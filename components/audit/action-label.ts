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
  "incident.recorded": "recorded an incident",
  "incident.updated": "updated an incident",
  "incident.note_added": "added to an incident's timeline",
  "incident.change_linked": "linked a change to an incident",
  "incident.change_unlinked": "unlinked a change from an incident",
};

export function actionLabel(action: string): string {
  return LABELS[action] ?? action;
}
