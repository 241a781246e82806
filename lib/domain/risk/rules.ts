// Risk detection rules, as data: a rule looks at a file's path, or at its added or removed lines,
// and sets a risk flag. Order does not matter; every rule that hits is reported.
import type { RiskFlag } from "./flags";

export interface RiskRule {
  id: string;
  flag: RiskFlag;
  title: string;
  /** The file's path must match (path-only rules hit once per file). */
  path?: RegExp;
  /** Scan these lines of the file; without it the rule is about the path alone. */
  lines?: "added" | "removed";
  pattern?: RegExp;
  /** A line that also matches this is not a hit (e.g. a DELETE that has a WHERE). */
  unless?: RegExp;
  /** Only for files of tier-1 systems. */
  tier1Only?: boolean;
}

const SQL_FILE = /\.(sql|py|rb|ts|js|go|java|kt|scala|cs|php)$/i;

export const RISK_RULES: RiskRule[] = [
  {
    id: "sql-drop",
    flag: "DATA_DELETION",
    title: "SQL DROP",
    lines: "added",
    pattern:
      /\bDROP\s+(TABLE|DATABASE|SCHEMA|COLUMN|VIEW|MATERIALIZED\s+VIEW|INDEX|TYPE|SEQUENCE)\b/i,
  },
  {
    id: "sql-truncate",
    flag: "DATA_DELETION",
    title: "SQL TRUNCATE",
    lines: "added",
    pattern: /\bTRUNCATE\s+(TABLE\s+)?["`\w]/i,
  },
  {
    id: "sql-delete-without-where",
    flag: "DATA_DELETION",
    title: "DELETE without WHERE",
    lines: "added",
    path: SQL_FILE,
    pattern: /\bDELETE\s+FROM\s+["`\w.]+/i,
    unless: /\bWHERE\b/i,
  },
  {
    id: "sql-update-without-where",
    flag: "DATA_DELETION",
    title: "UPDATE without WHERE",
    lines: "added",
    path: SQL_FILE,
    pattern: /\bUPDATE\s+["`\w.]+\s+SET\b/i,
    unless: /\bWHERE\b/i,
  },
  {
    id: "db-migration",
    flag: "DATA_MIGRATION",
    title: "Database migration",
    path: /(^|\/)(migrations?|migrate|alembic|flyway|liquibase|db\/schema)\/|\.sql$/i,
  },
  { id: "terraform", flag: "INFRASTRUCTURE", title: "Terraform change", path: /\.(tf|tfvars)$/ },
  {
    id: "terraform-resource-destroyed",
    flag: "INFRASTRUCTURE",
    title: "Terraform resource destroyed or replaced",
    path: /\.tf$/,
    lines: "removed",
    pattern: /^\s*resource\s+"[^"]+"\s+"[^"]+"/,
  },
  {
    id: "terraform-destroy-settings",
    flag: "DATA_DELETION",
    title: "Terraform allows destroying data",
    path: /\.tf$/,
    lines: "added",
    pattern:
      /\b(force_destroy\s*=\s*true|prevent_destroy\s*=\s*false|deletion_protection\s*=\s*false|skip_final_snapshot\s*=\s*true)\b/,
  },
  {
    id: "cloudformation-resource-removed",
    flag: "INFRASTRUCTURE",
    title: "CloudFormation resource removed",
    path: /\.(ya?ml|json|template)$/i,
    lines: "removed",
    pattern: /^\s*"?Type"?\s*:\s*"?AWS::/,
  },
  {
    id: "cloudformation-delete-policy",
    flag: "DATA_DELETION",
    title: "CloudFormation deletes on replace",
    lines: "added",
    pattern: /\b(DeletionPolicy|UpdateReplacePolicy)"?\s*:\s*"?Delete\b/,
  },
  {
    id: "kubernetes-delete",
    flag: "INFRASTRUCTURE",
    title: "Kubernetes delete",
    lines: "added",
    pattern: /\bkubectl\s+delete\b|\bhelm\s+(uninstall|delete)\b/,
  },
  {
    id: "kubernetes-object-removed",
    flag: "INFRASTRUCTURE",
    title: "Kubernetes object removed",
    path: /(^|\/)(k8s|kubernetes|manifests|charts|helm|deploy)\/.*\.ya?ml$/i,
    lines: "removed",
    pattern: /^kind\s*:\s*\w+/,
  },
  {
    id: "rm-rf",
    flag: "DATA_DELETION",
    title: "rm -rf",
    lines: "added",
    pattern:
      /\brm\s+(-[a-zA-Z]*r[a-zA-Z]*f[a-zA-Z]*|-[a-zA-Z]*f[a-zA-Z]*r[a-zA-Z]*|-r\s+-f|-f\s+-r|--recursive\s+--force)\b/,
  },
  {
    id: "iam-file",
    flag: "PERMISSIONS",
    title: "IAM or permissions file",
    path: /(^|\/)(iam|rbac|policies|permissions|roles)(\/|[._-][^/]*$)|(^|\/)[^/]*(iam|rbac|policy|role-?binding)[^/]*\.(json|ya?ml|tf)$/i,
  },
  {
    id: "iam-wildcard",
    flag: "PERMISSIONS",
    title: "Broad permission granted",
    lines: "added",
    pattern:
      /"(Action|Resource)"\s*:\s*"\*"|\biam:PassRole\b|AdministratorAccess|\bcluster-admin\b|verbs\s*:\s*\[\s*"\*"\s*\]/,
  },
  {
    id: "secrets-file",
    flag: "PERMISSIONS",
    title: "Secrets or credentials file",
    path: /(^|\/)(secrets?|credentials?)(\/|\.|$)|(^|\/)\.env(\.[\w-]+)?$|\.(pem|key|p12|pfx|jks)$|(^|\/)kms\//i,
  },
  {
    id: "tier1-config",
    flag: "CONFIG",
    title: "Configuration or feature flags of a tier-1 system",
    path: /(^|\/)(feature[-_]?flags?|flags|config|configs|settings)(\/|\.)|\.(ya?ml|toml|ini|properties|conf)$/i,
    tier1Only: true,
  },
];
