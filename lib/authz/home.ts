// Where `/` sends each kind of person.
import type { Actor } from "./permissions";

export function homeFor(actor: Actor): string {
  if (actor.roles.includes("ADMIN")) return "/admin";
  if (actor.roles.includes("MANAGER")) return "/dashboard";
  if (actor.level === "SENIOR" || actor.level === "PRINCIPAL") return "/queue";
  return "/changes";
}
