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

/**
 * Where each picker looks: `key` is what goes into the field (matched by prefix first), `columns`
 * what the API answers (named as it names them), `where` which rows are offered.
 */
const SOURCES = {
  System: { key: "slug", columns: "slug, name", where: "true" },
  Team: { key: "slug", columns: "slug, name", where: "true" },
  User: { key: "handle", columns: "handle, name", where: "active" },
  Repository: { key: "name", columns: "name", where: "true" },
} as const;

async function suggest<Row>(table: keyof typeof SOURCES, query: SuggestionsQuery): Promise<Row[]> {
  const { key, columns, where } = SOURCES[table];
  const contains = containsPattern(query.q);
  const prefix = `${contains.slice(1, -1)}%`;
  return readerFor(db).query<Row>(
    `suggest-${table}`,
    `SELECT ${columns} FROM "${table}"
      WHERE ${where} AND (${key} LIKE $1 OR ${key} ILIKE $2 OR name ILIKE $2)
      ORDER BY (${key} LIKE $1) DESC, ${key} LIMIT $3`,
    [prefix.toLowerCase(), contains, query.limit],
  );
}

export interface Suggestion {
  slug: string;
  name: string;
}

export async function suggestSystems(query: SuggestionsQuery) {
  return { systems: await suggest<Suggestion>("System", query) };
}

export async function suggestTeams(query: SuggestionsQuery) {
  return { teams: await suggest<Suggestion>("Team", query) };
}

/** Active people by handle or name (co-authors, reviewers to name). */
export async function suggestPeople(query: SuggestionsQuery) {
  return { people: await suggest<{ handle: string; name: string }>("User", query) };
}

/** Repositories by name ("org/name"). */
export async function suggestRepositories(query: SuggestionsQuery) {
  return { repositories: await suggest<{ name: string }>("Repository", query) };
}
