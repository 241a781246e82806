import { describe, expect, it } from "vitest";
import { parseUnifiedDiff } from "@/lib/domain/diff/parse";
import { detectRisks } from "./detect";

const diff = (path: string, added: string[], removed: string[] = []) =>
  `diff --git a/${path} b/${path}\nindex 1111111..2222222 100644\n--- a/${path}\n+++ b/${path}\n@@ -1,${removed.length + 1} +1,${added.length + 1} @@\n context line\n${removed.map((l) => `-${l}`).join("\n")}${removed.length ? "\n" : ""}${added.map((l) => `+${l}`).join("\n")}\n`;

function detect(text: string, tier1: string[] = []) {
  const parsed = parseUnifiedDiff(text);
  return detectRisks(parsed.files, (p) => (tier1.some((t) => p.startsWith(t)) ? 1 : 2));
}

describe("risk detection on real-looking diffs", () => {
  it("a migration that drops a table: data deletion and data migration, with file and line", () => {
    const result = detect(
      diff("db/migrations/20261120_drop_legacy_orders.sql", [
        "-- Legacy orders were moved to the ledger in Q3.",
        "DROP TABLE IF EXISTS legacy_orders;",
        "ALTER TABLE orders DROP COLUMN legacy_id;",
      ]),
    );
    expect(result.flags).toEqual(["DATA_MIGRATION", "DATA_DELETION"]);
    expect(
      result.hits.filter((h) => h.rule === "sql-drop").map((h) => [h.file, h.line, h.text]),
    ).toEqual([
      ["db/migrations/20261120_drop_legacy_orders.sql", 3, "DROP TABLE IF EXISTS legacy_orders;"],
      [
        "db/migrations/20261120_drop_legacy_orders.sql",
        4,
        "ALTER TABLE orders DROP COLUMN legacy_id;",
      ],
    ]);
  });

  it.each([
    [
      "TRUNCATE in a script",
      diff("scripts/reset.sql", ["TRUNCATE TABLE sessions;"]),
      ["DATA_MIGRATION", "DATA_DELETION"],
      "sql-truncate",
    ],
    [
      "DELETE without WHERE",
      diff("app/jobs/cleanup.py", ['cursor.execute("DELETE FROM audit_events")']),
      ["DATA_DELETION"],
      "sql-delete-without-where",
    ],
    [
      "UPDATE without WHERE",
      diff("app/jobs/fix.rb", ['execute("UPDATE accounts SET balance = 0")']),
      ["DATA_DELETION"],
      "sql-update-without-where",
    ],
    [
      "Terraform resource removed",
      diff("infra/prod/db.tf", [], ['resource "aws_db_instance" "orders" {']),
      ["INFRASTRUCTURE"],
      "terraform-resource-destroyed",
    ],
    [
      "Terraform force_destroy",
      diff("infra/prod/s3.tf", ["  force_destroy = true"]),
      ["INFRASTRUCTURE", "DATA_DELETION"],
      "terraform-destroy-settings",
    ],
    [
      "CloudFormation resource removed",
      diff("cfn/stack.yaml", [], ["    Type: AWS::RDS::DBInstance"]),
      ["INFRASTRUCTURE"],
      "cloudformation-resource-removed",
    ],
    [
      "CloudFormation delete policy",
      diff("cfn/stack.yaml", ["    DeletionPolicy: Delete"]),
      ["DATA_DELETION"],
      "cloudformation-delete-policy",
    ],
    [
      "kubectl delete",
      diff("scripts/rollout.sh", ["kubectl delete deployment checkout-api -n prod"]),
      ["INFRASTRUCTURE"],
      "kubernetes-delete",
    ],
    [
      "Kubernetes object removed",
      diff("deploy/k8s/checkout.yaml", [], ["kind: Deployment"]),
      ["INFRASTRUCTURE"],
      "kubernetes-object-removed",
    ],
    [
      "rm -rf",
      diff("scripts/clean.sh", ["rm -rf /var/lib/app/cache/*"]),
      ["DATA_DELETION"],
      "rm-rf",
    ],
    ["rm -fr", diff("Makefile", ["\trm -fr build"]), ["DATA_DELETION"], "rm-rf"],
    [
      "IAM policy file",
      diff("policies/iam/checkout-role.json", ['  "Effect": "Allow",']),
      ["PERMISSIONS"],
      "iam-file",
    ],
    [
      "IAM wildcard",
      diff("infra/roles.tf", ['  "Action": "*",']),
      ["INFRASTRUCTURE", "PERMISSIONS"],
      "iam-wildcard",
    ],
    [
      "RBAC cluster-admin",
      diff("deploy/k8s/rbac/binding.yaml", ["  name: cluster-admin"]),
      ["PERMISSIONS"],
      "iam-wildcard",
    ],
    ["secrets file", diff("config/secrets.yaml", ["api_key: x"]), ["PERMISSIONS"], "secrets-file"],
    [
      "dotenv file",
      diff("services/api/.env.production", ["DEBUG=false"]),
      ["PERMISSIONS"],
      "secrets-file",
    ],
  ])("%s", (_name, text, flags, rule) => {
    const result = detect(text);
    expect(result.flags).toEqual(flags);
    expect(result.hits.map((h) => h.rule)).toContain(rule);
    for (const hit of result.hits) expect(hit.file).toBeTruthy();
  });

  it("feature flags and config count only for tier-1 systems", () => {
    const text = diff("services/checkout/config/feature-flags.yaml", ["new_checkout_flow: true"]);
    expect(detect(text, ["services/checkout/"]).flags).toEqual(["CONFIG"]);
    expect(detect(text, []).flags).toEqual([]);
  });

  it.each([
    [
      "an ordinary code change",
      diff("src/cart/total.ts", [
        "export const total = (items) => items.reduce((s, i) => s + i.price, 0);",
      ]),
    ],
    [
      "DELETE with WHERE",
      diff("app/jobs/cleanup.py", [
        'cursor.execute("DELETE FROM sessions WHERE expires_at < now()")',
      ]),
    ],
    [
      "UPDATE with WHERE",
      diff("app/jobs/fix.rb", ['execute("UPDATE accounts SET frozen = true WHERE id = 7")']),
    ],
    [
      "a removed DROP (undoing one) is not a new drop",
      diff("src/old.ts", [], ["// DROP TABLE was here"]),
    ],
    ["the word 'dropdown'", diff("web/components/menu.tsx", ["<Dropdown items={items} />"])],
  ])("no flag for %s", (_name, text) => {
    expect(detect(text).flags).toEqual([]);
  });
});
