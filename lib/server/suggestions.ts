// Suggestions for pickers as the person types (GET /api/v1/systems, /teams, /people,
// /repositories): keys starting with the text first, then keys or names containing it, 20 at a
// time. A picker over 5,000 systems, 2,000 teams or 20,000 people asks for a few instead of
// carrying them all in every page: they made the dashboard a megabyte of HTML and the submit page
// several (docs/decisions/0016-scale.md).
import { z } from "zod";
import { db } from "@/lib/db";
import { readerFor } from "@/lib/db/reader";
import { containsPattern } from "@/lib/domain/search/query";

export const suggestionsQuerySchema = z
  .object({
    q: z.string().trim().max(100, "must be at most 100 characters").default(""),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();
export type SuggestionsQuery = z.output<typeof suggestionsQuerySchema>;

export interface Suggestion {
  slug: string;
  name: string;
}

/** What a picker offers: `key` goes into the field, `name` explains it. */
const SOURCES = {
  System: { key: "slug", name: "name", where: "true" },
  Team: { key: "slug", name: "name", where: "true" },
  User: { key: "handle", name: "name", where: "active" },
  Repository: { key: "name", name: "name", where: "true" },
} as const;

async function suggest(
  table: keyof typeof SOURCES,
  query: SuggestionsQuery,
): Promise<{ key: string; name: string }[]> {
  const { key, name, where } = SOURCES[table];
  const contains = containsPattern(query.q);
  const prefix = `${contains.slice(1, -1)}%`;
  return readerFor(db).query<{ key: string; name: string }>(
    `suggest-${table}`,
    `SELECT ${key} AS key, ${name} AS name FROM "${table}"
      WHERE ${where} AND (${key} LIKE $1 OR ${key} ILIKE $2 OR ${name} ILIKE $2)
      ORDER BY (${key} LIKE $1) DESC, ${key} LIMIT $3`,
    [prefix.toLowerCase(), contains, query.limit],
  );
}

export async function suggestSystems(query: SuggestionsQuery): Promise<{ systems: Suggestion[] }> {
  const rows = await suggest("System", query);
  return { systems: rows.map((r) => ({ slug: r.key, name: r.name })) };
}

export async function suggestTeams(query: SuggestionsQuery): Promise<{ teams: Suggestion[] }> {
  const rows = await suggest("Team", query);
  return { teams: rows.map((r) => ({ slug: r.key, name: r.name })) };
}

/** Active people by handle or name (co-authors, reviewers to name). */
export async function suggestPeople(
  query: SuggestionsQuery,
): Promise<{ people: { handle: string; name: string }[] }> {
  const rows = await suggest("User", query);
  return { people: rows.map((r) => ({ handle: r.key, name: r.name })) };
}

/** Repositories by name ("org/name"). */
export async function suggestRepositories(
  query: SuggestionsQuery,
): Promise<{ repositories: { name: string }[] }> {
  const rows = await suggest("Repository", query);
  return { repositories: rows.map((r) => ({ name: r.key })) };
}
