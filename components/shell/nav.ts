// The portal's navigation: an item shows only to people whose permission allows it.
import type { Permission } from "@/lib/authz/permissions";

export interface NavItem {
  href: string;
  label: string;
  permission: Permission;
}

export const NAV_ITEMS: NavItem[] = [
  { href: "/queue", label: "Review queue", permission: "queue:read" },
  { href: "/changes/new", label: "New change", permission: "changes:create" },
  { href: "/changes", label: "My changes", permission: "changes:create" },
  { href: "/dashboard", label: "Dashboard", permission: "dashboard:read" },
  { href: "/incidents", label: "Incidents", permission: "incidents:read" },
  { href: "/systems", label: "Systems", permission: "systems:read" },
  { href: "/people", label: "People", permission: "people:read" },
  { href: "/audit", label: "Audit trail", permission: "audit:read" },
  { href: "/tokens", label: "API tokens", permission: "portal:use" },
  { href: "/api-reference", label: "API reference", permission: "portal:use" },
  { href: "/settings", label: "Settings", permission: "notifications:read" },
  { href: "/admin", label: "Admin", permission: "admin:use" },
];
