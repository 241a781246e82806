// Suggestions for pickers as the person types (GET /api/v1/systems, GET /api/v1/teams): slugs
// starting with the text first, then slugs or names containing it, 20 at a time. A picker over
// 5,000 systems or 2,000 teams asks for a few instead of carrying them all in every page: they
// made the dashboard a megabyte of HTML (docs/decisions/0016-scale.md).
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

async function suggest(table: "System" | "Team", query: SuggestionsQuery): Promise<Suggestion[]> {
  const contains = containsPattern(query.q);
  const prefix = `${contains.slice(1, -1)}%`;
  return readerFor(db).query<Suggestion>(
    `suggest-${table}`,
    `SELECT slug, name FROM "${table}"
      WHERE slug LIKE $1 OR slug ILIKE $2 OR name ILIKE $2
      ORDER BY (slug LIKE $1) DESC, slug LIMIT $3`,
    [prefix.toLowerCase(), contains, query.limit],
  );
}

export async function suggestSystems(query: SuggestionsQuery) {
  return { systems: await suggest("System", query) };
}

export async function suggestTeams(query: SuggestionsQuery) {
  return { teams: await suggest("Team", query) };
}
