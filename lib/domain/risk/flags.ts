export const RISK_FLAGS = [
  "INFRASTRUCTURE",
  "DATA_MIGRATION",
  "DATA_DELETION",
  "PERMISSIONS",
  "CONFIG",
] as const;
export type RiskFlag = (typeof RISK_FLAGS)[number];

export const RISK_LABEL: Record<RiskFlag, string> = {
  INFRASTRUCTURE: "Touches infrastructure",
  DATA_MIGRATION: "Data migration",
  DATA_DELETION: "Data deletion",
  PERMISSIONS: "Permissions / IAM / secrets",
  CONFIG: "Configuration or feature flags",
};

/** What a reviewer must tick before approving a change with each flag (docs/architecture.md, "Reviews"). */
export const RISK_CHECKLIST: Record<RiskFlag, string> = {
  INFRASTRUCTURE: "I reviewed the infrastructure change and its blast radius",
  DATA_MIGRATION: "I reviewed the data migration",
  DATA_DELETION: "I verified what data is deleted and that the rollback restores it",
  PERMISSIONS: "I reviewed the permission and secret changes",
  CONFIG: "I reviewed the configuration and feature-flag changes",
};
