// Every route handler of the app, read from app/ so that a new route is covered by the tests that
// use this list (the CSRF test, the hostile-input property test) without editing them.
import { readFileSync } from "node:fs";
import { projectSources } from "@/lib/testing/sources";

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];

export interface RouteEntry {
  /** app/api/v1/changes/[key]/reviews/route.ts */
  file: string;
  /** /api/v1/changes/[key]/reviews */
  pattern: string;
  /** Its dynamic segments, in order: ["key"]. */
  params: string[];
  methods: Method[];
}

/** Routes under app/api except next-auth's own (which has its own CSRF token and pages). */
export function appRoutes(): RouteEntry[] {
  return projectSources(["app"])
    .filter((f) => f.endsWith("/route.ts") && !f.includes("[...nextauth]"))
    .map((file) => {
      const source = readFileSync(file, "utf8");
      const pattern = file
        .replace(/^app/, "")
        .replace(/\/route\.ts$/, "")
        .replace(/\/\([^)]+\)/g, "");
      const params = [...pattern.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]!);
      const methods = METHODS.filter((m) =>
        new RegExp(`export (?:const|async function|function) ${m}\\b`).test(source),
      );
      return { file, pattern, params, methods };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** The URL path of a route with its parameters filled in (already encoded by the caller). */
export function routePath(route: RouteEntry, values: Record<string, string>): string {
  return route.pattern.replace(
    /\[(?:\.\.\.)?([^\]]+)\]/g,
    (_m, name: string) => values[name] ?? "x",
  );
}
