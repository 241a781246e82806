// Where `/` sends each kind of person.
import type { Grantee } from "./permissions";

export function homeFor(actor: Extract<Grantee, { kind: "user" | "token" }>): string {
  if (actor.roles.includes("ADMIN")) return "/admin";
  if (actor.roles.includes("MANAGER")) return "/dashboard";
  if (actor.level === "SENIOR" || actor.level === "PRINCIPAL") return "/queue";
  return "/changes";
}
