const LABELS: Record<string, string> = {
  "auth.signed_in": "signed in",
  "auth.signed_out": "signed out",
  "system.updated": "updated system",
  "team.updated": "updated team",
  "demo.seeded": "seeded demo data",
  "audit.exported": "exported the audit trail",
};

export function actionLabel(action: string): string {
  return LABELS[action] ?? action;
}
