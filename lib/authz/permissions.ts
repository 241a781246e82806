// The one permission table. Every page, server action and route handler names one of these
// actions; `can` answers from this table alone, and an action missing here is refused.
import { atLeast, isSeniorPlus, type Level, type Role } from "@/lib/domain/levels";
import { LOWEST_APPROVER_LEVEL } from "@/lib/domain/policy/minimum-level";

/**
 * Whom a permission is asked about: a person (signed in, or through a token acting for them) or
 * the system. The table grants people; the system holds no portal permission (fails closed).
 */
export type Grantee =
  | { kind: "user" | "token"; level: Level; roles: readonly Role[]; active: boolean }
  | { kind: "system" };

type Rule = (person: { level: Level; roles: readonly Role[] }) => boolean;

const anyone: Rule = () => true;
const admin: Rule = (a) => a.roles.includes("ADMIN");
const manager: Rule = (a) => a.roles.includes("MANAGER");
const seniorPlus: Rule = (a) => isSeniorPlus(a.level);
// Anyone routing can assign a review to has a queue (the policy's lowest approver level).
const mayBeAssigned: Rule = (a) => atLeast(a.level, LOWEST_APPROVER_LEVEL);
const either =
  (...rules: Rule[]): Rule =>
  (a) =>
    rules.some((rule) => rule(a));

export const PERMISSIONS = {
  "portal:use": anyone,
  "systems:read": anyone,
  "teams:read": anyone,
  "people:read": anyone,
  "systems:edit": admin,
  "teams:edit": admin,
  "admin:use": admin,
  "policy:edit": admin,
  "integrations:edit": admin,
  "changes:create": anyone,
  // Whether someone may review a particular change is decided by eligibility (ownership, level,
  // authorship) inside the use case; any engineer can be eligible for some change.
  "changes:review": anyone,
  "notifications:read": anyone,
  "queue:read": mayBeAssigned,
  "audit:read": either(admin, manager),
  "audit:verify": admin,
  "dashboard:read": either(manager, admin),
  "incidents:read": either(manager, seniorPlus, admin),
  "incidents:write": either(manager, seniorPlus, admin),
} as const satisfies Record<string, Rule>;

export type Permission = keyof typeof PERMISSIONS;

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}
